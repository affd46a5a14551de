package dev.faultline.spi;

/**
 * A built-in adapter, found by {@link java.util.ServiceLoader} under its {@link #name()}
 * ({@code --adapter NAME}). Register implementations in
 * {@code META-INF/services/dev.faultline.spi.AdapterProvider}.
 */
public interface AdapterProvider {
    String name();

    String description();

    /** A fresh, unopened instance. */
    StorageAdapter create();

    /**
     * Whether the adapter stores into PostgreSQL. The harness then provides a database behind a
     * Toxiproxy proxy and hands it over in the settings {@code postgres.url}, {@code postgres.user}
     * and {@code postgres.password}; the network scenarios put their faults on that link.
     */
    default boolean usesPostgres() {
        return false;
    }
}
