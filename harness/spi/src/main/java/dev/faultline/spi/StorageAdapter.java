package dev.faultline.spi;

/**
 * The storage under test. One instance is one client of the store (a window, a process, a
 * connection); several instances may be opened on one root to play multi-writer scenarios.
 *
 * <p>The engine calls an instance from one thread at a time, in order, as the process protocol
 * does; implementations need not be thread-safe per instance. Every operation reports through an
 * {@link Outcome} instead of throwing: an exception escaping an operation is treated as a loud
 * failure with the exception as its cause.
 */
public interface StorageAdapter extends AutoCloseable {

    /** Opens the store on {@link AdapterContext#root()} and declares what it promises. */
    Capabilities open(AdapterContext context) throws Exception;

    Outcome put(String collection, String key, String value);

    /** {@link Outcome#found(String)}, {@link Outcome#notFound()} or an error. */
    Outcome get(String collection, String key);

    Outcome delete(String collection, String key);

    /** {@link Outcome#keys(java.util.List)} of the collection; an unknown collection has none. */
    Outcome list(String collection);

    /** A durability barrier: succeeds once everything acknowledged before it is durable. */
    Outcome flush();

    Health health();

    @Override
    void close() throws Exception;
}
