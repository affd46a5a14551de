package dev.faultline.engine;

import dev.faultline.spi.StorageAdapter;

import java.nio.file.Path;
import java.util.Map;

/**
 * How to make instances of the adapter under test.
 *
 * @param name      as shown in results: a built-in name or the process command
 * @param factory   makes a fresh, unopened instance
 * @param settings  handed to every instance through {@link dev.faultline.spi.AdapterContext#settings()}
 * @param inProcess whether instances run in this JVM, where the fault file system can reach them;
 *                  a process adapter gets OS-level faults instead
 * @param usesPostgres whether instances store into PostgreSQL, which the run provides behind a
 *                  Toxiproxy proxy (see {@link dev.faultline.spi.AdapterProvider#usesPostgres()})
 */
public record AdapterSpec(String name, Factory factory, Map<String, String> settings, boolean inProcess, boolean usesPostgres) {

    public AdapterSpec {
        settings = Map.copyOf(settings);
    }

    /** An adapter whose instances run in this JVM and need no backend. */
    public AdapterSpec(String name, Factory factory, Map<String, String> settings) {
        this(name, factory, settings, true, false);
    }

    @FunctionalInterface
    public interface Factory {
        /**
         * @param instance    the instance number
         * @param evidenceDir where the instance may keep evidence (a process's stderr)
         */
        StorageAdapter create(int instance, Path evidenceDir);
    }
}
