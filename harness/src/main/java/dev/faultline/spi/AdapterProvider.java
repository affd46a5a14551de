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
}
