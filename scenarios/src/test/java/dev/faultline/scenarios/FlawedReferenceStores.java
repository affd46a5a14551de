package dev.faultline.scenarios;

import dev.faultline.engine.AdapterSpec;
import dev.faultline.engine.Catalog;
import dev.faultline.spi.AdapterContext;
import dev.faultline.spi.BatchWrites;
import dev.faultline.spi.Capabilities;
import dev.faultline.spi.Health;
import dev.faultline.spi.Killable;
import dev.faultline.spi.Outcome;
import dev.faultline.spi.StorageAdapter;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The reference store with one bug each, as stores nobody here wrote have them (issue 17): names
 * folded to lower case (Windows and macOS file systems), a batch stored in part before an error,
 * deletes that live only in memory, a per-instance read cache never invalidated, and write errors
 * answered OK (incident 001's fire-and-forget save). Test-only.
 */
final class FlawedReferenceStores {
    private FlawedReferenceStores() {
    }

    static AdapterSpec caseFoldingNames() {
        return wrap("reference-case-folding", store -> new CaseFolding(store, false));
    }

    /** Not a flaw: folds key case and says so ({@code caseInsensitiveKeys}), as a store on Windows file names may. */
    static AdapterSpec caseFoldingNamesDeclared() {
        return wrap("reference-case-folding-declared", store -> new CaseFolding(store, true));
    }

    /** Not a flaw: refuses keys with a leading dot, loudly, as a store that keeps a file per key and hides dot files may. */
    static AdapterSpec refusesDotKeys() {
        return wrap("reference-no-dot-keys", DotKeysRefused::new);
    }

    static AdapterSpec halfStoredBatches() {
        return wrap("reference-half-batches", HalfBatches::new);
    }

    static AdapterSpec deletesOnlyInMemory() {
        return wrap("reference-volatile-deletes", VolatileDeletes::new);
    }

    /** Incident 001's fire-and-forget save: a write that failed (ENOSPC, EIO) is answered OK all the same. */
    static AdapterSpec swallowedWriteErrors() {
        return wrap("reference-swallowed-errors", SwallowedErrors::new);
    }

    /** Every autosave kept as a file of its own, never pruned: no file is large, their sum grows as the square of the data. */
    static AdapterSpec keepsEveryAutosave() {
        return wrap("reference-autosave-pile", AutosavePile::new);
    }

    static AdapterSpec staleReadCache() {
        return wrap("reference-stale-cache", StaleCache::new);
    }

    /**
     * Not a flaw: the reference store with a background thread of its own, started at open and
     * stopped at close and by {@link Killable#kill}, whose kills are counted in {@code kills}, so a
     * test can see that a crash stops such threads.
     */
    static AdapterSpec killable(java.util.concurrent.atomic.AtomicInteger kills) {
        return wrap("reference-killable", store -> new KillableStore(store, kills));
    }

    /** The same thread, but the store is not {@link Killable}: after a simulated crash it runs on. */
    static AdapterSpec backgroundThreadNotKillable() {
        return wrap("reference-background-thread", BackgroundThreadStore::new);
    }

    private static class BackgroundThreadStore extends Delegating {
        private volatile boolean stopped;
        private Thread background;

        BackgroundThreadStore(StorageAdapter store) {
            super(store);
        }

        @Override
        public Capabilities open(AdapterContext context) throws Exception {
            background = new Thread(() -> {
                while (!stopped) {
                    java.util.concurrent.locks.LockSupport.parkNanos(5_000_000); // a housekeeper's tick
                }
            }, "background-housekeeper-" + context.instance());
            background.setDaemon(true);
            background.start();
            return super.open(context);
        }

        void stop() {
            stopped = true;
        }

        @Override
        public void close() throws Exception {
            stop();
            super.close();
        }
    }

    private static final class KillableStore extends BackgroundThreadStore implements Killable {
        private final java.util.concurrent.atomic.AtomicInteger kills;

        KillableStore(StorageAdapter store, java.util.concurrent.atomic.AtomicInteger kills) {
            super(store);
            this.kills = kills;
        }

        @Override
        public void kill() {
            stop();
            kills.incrementAndGet();
        }
    }

    private static AdapterSpec wrap(String name, UnaryOperator<StorageAdapter> flaw) {
        AdapterSpec reference = Catalog.builtIn("reference", Map.of());
        return new AdapterSpec(name, (instance, evidence) -> flaw.apply(reference.factory().create(instance, evidence)), Map.of());
    }

    /** Delegates everything; each flaw overrides what it gets wrong. */
    private static class Delegating implements StorageAdapter {
        final StorageAdapter store;

        Delegating(StorageAdapter store) {
            this.store = store;
        }

        public Capabilities open(AdapterContext context) throws Exception {
            return store.open(context);
        }

        public Outcome put(String collection, String key, String value) {
            return store.put(collection, key, value);
        }

        public Outcome get(String collection, String key) {
            return store.get(collection, key);
        }

        public Outcome delete(String collection, String key) {
            return store.delete(collection, key);
        }

        public Outcome list(String collection) {
            return store.list(collection);
        }

        public Outcome flush() {
            return store.flush();
        }

        public Health health() {
            return store.health();
        }

        public void close() throws Exception {
            store.close();
        }
    }

    /** "Key" and "key" are one file, as on a case-insensitive file system. */
    private static final class CaseFolding extends Delegating {
        private final boolean declared;

        CaseFolding(StorageAdapter store, boolean declared) {
            super(store);
            this.declared = declared;
        }

        @Override
        public Capabilities open(AdapterContext context) throws Exception {
            return store.open(context).withCaseInsensitiveKeys(declared);
        }

        private static String fold(String key) {
            return key.toLowerCase(Locale.ROOT);
        }

        public Outcome put(String collection, String key, String value) {
            return store.put(collection, fold(key), value);
        }

        public Outcome get(String collection, String key) {
            return store.get(collection, fold(key));
        }

        public Outcome delete(String collection, String key) {
            return store.delete(collection, fold(key));
        }
    }

    private static final class DotKeysRefused extends Delegating {
        DotKeysRefused(StorageAdapter store) {
            super(store);
        }

        @Override
        public Outcome put(String collection, String key, String value) {
            return key.startsWith(".") ? Outcome.error("EINVAL: keys may not start with a dot here") : store.put(collection, key, value);
        }
    }

    /** Takes batches, and when one fails part-way keeps what it wrote and answers an error. */
    private static final class HalfBatches extends Delegating implements BatchWrites {
        private int batches;

        HalfBatches(StorageAdapter store) {
            super(store);
        }

        public synchronized Outcome putAll(String collection, Map<String, String> entries) {
            boolean fails = ++batches % 3 == 0; // every third batch meets a full disk half-way
            int written = 0;
            for (var e : entries.entrySet()) {
                if (fails && written == entries.size() / 2) {
                    return Outcome.error("ENOSPC: no space left on device");
                }
                Outcome o = store.put(collection, e.getKey(), e.getValue());
                if (!o.isOk()) {
                    return o;
                }
                written++;
            }
            return Outcome.ok();
        }
    }

    /** A delete hides the key from this instance and forgets to remove the file. */
    private static final class SwallowedErrors extends Delegating {
        SwallowedErrors(StorageAdapter store) {
            super(store);
        }

        @Override
        public Outcome put(String collection, String key, String value) {
            Outcome o = store.put(collection, key, value);
            return o.isError() ? Outcome.ok() : o;
        }
    }

    private static final class AutosavePile extends Delegating {
        private final Map<String, String> latest = new java.util.LinkedHashMap<>();
        private java.nio.file.Path root;
        private int saves;

        AutosavePile(StorageAdapter store) {
            super(store);
        }

        @Override
        public Capabilities open(AdapterContext context) throws Exception {
            root = context.root();
            return store.open(context);
        }

        @Override
        public Outcome put(String collection, String key, String value) {
            Outcome o = store.put(collection, key, value);
            if (o.isOk()) {
                latest.put(collection + "/" + key, value);
            }
            return o;
        }

        @Override
        public Outcome flush() {
            Outcome o = store.flush();
            try {
                java.nio.file.Files.writeString(root.resolve("autosave-" + saves++ + ".bak"), String.join("\n", latest.values()));
            } catch (java.io.IOException e) {
                return Outcome.error("EIO: " + e.getMessage());
            }
            return o;
        }
    }

    private static final class VolatileDeletes extends Delegating {
        private final Set<String> deleted = new HashSet<>();

        VolatileDeletes(StorageAdapter store) {
            super(store);
        }

        public synchronized Outcome put(String collection, String key, String value) {
            deleted.remove(collection + "/" + key);
            return store.put(collection, key, value);
        }

        public synchronized Outcome get(String collection, String key) {
            return deleted.contains(collection + "/" + key) ? Outcome.notFound() : store.get(collection, key);
        }

        public synchronized Outcome delete(String collection, String key) {
            deleted.add(collection + "/" + key);
            return Outcome.ok();
        }
    }

    /** Remembers what it read and wrote, and never asks again: other instances' writes go unseen. */
    private static final class StaleCache extends Delegating {
        private final Map<String, Outcome> cache = new HashMap<>();

        StaleCache(StorageAdapter store) {
            super(store);
        }

        public synchronized Outcome put(String collection, String key, String value) {
            Outcome o = store.put(collection, key, value);
            if (o.isOk()) {
                cache.put(collection + "/" + key, Outcome.found(value));
            }
            return o;
        }

        public synchronized Outcome get(String collection, String key) {
            return cache.computeIfAbsent(collection + "/" + key, k -> store.get(collection, key));
        }

        public synchronized Outcome delete(String collection, String key) {
            Outcome o = store.delete(collection, key);
            if (o.isOk()) {
                cache.put(collection + "/" + key, Outcome.notFound());
            }
            return o;
        }
    }
}
