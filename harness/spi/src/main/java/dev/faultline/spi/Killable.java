package dev.faultline.spi;

/**
 * Optional for a {@link StorageAdapter} that runs in the harness's JVM with threads of its own (a
 * background flusher, a server, a drainer): what a killed process's death would do to them. When
 * the harness simulates a crash it never calls {@code close}; without this, such threads would go
 * on after the crash (a buffer drained into a database, a file released), doing what a dead store
 * cannot, and a store that loses its buffer in a crash would pass.
 */
public interface Killable {
    /**
     * Stops every thread, listener and timer at once, as SIGKILL would: saves, flushes and
     * releases nothing. Called once, after the crash has cut the file system (I/O through it
     * fails), from a harness thread; it must return promptly.
     */
    void kill();
}
