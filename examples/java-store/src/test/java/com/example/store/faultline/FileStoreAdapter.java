package com.example.store.faultline;

import com.example.store.FileStore;
import dev.faultline.spi.AdapterContext;
import dev.faultline.spi.AdapterProvider;
import dev.faultline.spi.Capabilities;
import dev.faultline.spi.Durability;
import dev.faultline.spi.Health;
import dev.faultline.spi.Outcome;
import dev.faultline.spi.StorageAdapter;

import java.util.OptionalInt;

/** How Faultline drives {@link FileStore}: each operation's outcome, never an exception. */
public final class FileStoreAdapter implements StorageAdapter {
    private FileStore store;

    /** Registered in META-INF/services, found by Faultline under the name {@code example-store}. */
    public static final class Provider implements AdapterProvider {
        @Override
        public String name() {
            return "example-store";
        }

        @Override
        public String description() {
            return "the example's file-per-key store";
        }

        @Override
        public StorageAdapter create() {
            return new FileStoreAdapter();
        }
    }

    @Override
    public Capabilities open(AdapterContext context) throws Exception {
        store = new FileStore(context.root());
        // durable on acknowledgement; several instances may share the directory
        return new Capabilities(Durability.PUT, true, OptionalInt.empty());
    }

    @Override
    public Outcome put(String collection, String key, String value) {
        return outcome(() -> {
            store.put(collection, key, value);
            return Outcome.ok();
        });
    }

    @Override
    public Outcome get(String collection, String key) {
        return outcome(() -> store.get(collection, key).map(Outcome::found).orElseGet(Outcome::notFound));
    }

    @Override
    public Outcome delete(String collection, String key) {
        return outcome(() -> {
            store.delete(collection, key);
            return Outcome.ok();
        });
    }

    @Override
    public Outcome list(String collection) {
        return outcome(() -> Outcome.keys(store.keys(collection)));
    }

    /** An operation of the store, any failure reported as the outcome (loud), never thrown. */
    private interface Operation {
        Outcome run() throws Exception;
    }

    private static Outcome outcome(Operation operation) {
        try {
            return operation.run();
        } catch (Exception e) {
            return Outcome.error(e);
        }
    }

    @Override
    public Outcome flush() {
        return Outcome.ok(); // every put is durable when it returns
    }

    @Override
    public Health health() {
        return Health.ok();
    }

    @Override
    public void close() {
    }
}
