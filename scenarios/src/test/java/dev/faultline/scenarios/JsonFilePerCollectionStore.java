package dev.faultline.scenarios;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.faultline.engine.AdapterSpec;
import dev.faultline.spi.AdapterContext;
import dev.faultline.spi.BatchWrites;
import dev.faultline.spi.Capabilities;
import dev.faultline.spi.Durability;
import dev.faultline.spi.Health;
import dev.faultline.spi.Outcome;
import dev.faultline.spi.StorageAdapter;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Incident 000's own design, done carefully: one JSON file per collection, held in memory and
 * rewritten whole (unique temp name, fsync, rename) on every change, so nothing is lost and
 * nothing is torn, but every write costs in proportion to what the collection holds. A damaged
 * file at start is quarantined (its collection refuses reads and writes; health names it).
 * Correct (whole writes, renames retried while a scanner holds the file, the directory forced
 * after each rename) and slow: the store a
 * harness must give a verdict on within its budget instead of running for hours. With {@code batches} it writes a batch as one rewrite, as such a store's
 * bulk import would.
 */
class JsonFilePerCollectionStore implements StorageAdapter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUFFIX = ".json";

    private final Map<String, TreeMap<String, String>> collections = new TreeMap<>();
    private final TreeSet<String> damaged = new TreeSet<>();
    private Path root;

    /** The store as an adapter; {@code batches}: whether it takes {@link BatchWrites}. */
    static AdapterSpec spec(boolean batches) {
        return new AdapterSpec(batches ? "json-file-per-collection+batches" : "json-file-per-collection",
                (instance, evidence) -> batches ? new Batching() : new JsonFilePerCollectionStore(), Map.of());
    }

    /**
     * The same store declaring that several instances may share a directory, which it cannot
     * keep: each instance rewrites the whole file from what it holds in memory, so writers undo
     * each other's updates. Durable in every write; its only bug is the race.
     */
    static AdapterSpec racingWriters() {
        return new AdapterSpec("json-file-per-collection-racing", (instance, evidence) -> new JsonFilePerCollectionStore() {
            @Override
            public Capabilities open(AdapterContext context) throws IOException {
                return super.open(context).withMultiProcess(true);
            }
        }, Map.of());
    }

    /** The same store taking batches: one rewrite for the whole batch. */
    static final class Batching extends JsonFilePerCollectionStore implements BatchWrites {
        @Override
        public Outcome putAll(String collection, Map<String, String> entries) {
            return write(collection, entries, null);
        }
    }

    @Override
    public Capabilities open(AdapterContext context) throws IOException {
        root = context.root();
        Files.createDirectories(root);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(root, "*" + SUFFIX)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                String collection = name.substring(0, name.length() - SUFFIX.length());
                try (var in = Files.newInputStream(f)) { // any file system, the fault file system included
                    collections.put(collection, JSON.readValue(in, new TypeReference<TreeMap<String, String>>() { }));
                } catch (IOException e) {
                    damaged.add(collection); // quarantined: left on disk as it is, for a person to look at
                }
            }
        }
        return Capabilities.DEFAULT.withDurableAfter(Durability.PUT);
    }

    @Override
    public Outcome put(String collection, String key, String value) {
        return write(collection, Map.of(key, value), null);
    }

    final Outcome write(String collection, Map<String, String> entries, String deleted) {
        if (damaged.contains(collection)) {
            return Outcome.error("EIO: collection " + collection + " is damaged and quarantined");
        }
        TreeMap<String, String> next = new TreeMap<>(collections.getOrDefault(collection, new TreeMap<>()));
        next.putAll(entries);
        if (deleted != null) {
            next.remove(deleted);
        }
        Path tmp = null;
        try {
            tmp = Files.createTempFile(root, collection + ".", ".tmp");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(JSON.writeValueAsBytes(next));
                while (bytes.hasRemaining()) { // a write may be cut short (a disk filling up): never rename a torn file
                    ch.write(bytes);
                }
                ch.force(true);
            }
            moveRetrying(tmp, root.resolve(collection + SUFFIX));
            try (FileChannel dir = FileChannel.open(root, StandardOpenOption.READ)) {
                dir.force(true); // the rename is durable only once the directory is
            }
        } catch (IOException e) {
            deleteQuietly(tmp); // a failed save leaves nothing behind; the last good file stays
            return Outcome.error(e);
        }
        collections.put(collection, next);
        return Outcome.ok();
    }

    /** Renames over the target, retrying for a while when something holds it (Windows antivirus: EPERM, EACCES). */
    private static void moveRetrying(Path from, Path to) throws IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                return;
            } catch (java.nio.file.FileSystemException e) { // AccessDeniedException (EACCES) among them
                if (attempt == 20 || e instanceof java.nio.file.NoSuchFileException) {
                    throw e;
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static void deleteQuietly(Path tmp) {
        try {
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException ignored) {
            // the fault that failed the save may fail this too; the next open ignores *.tmp
        }
    }

    @Override
    public Outcome get(String collection, String key) {
        if (damaged.contains(collection)) {
            return Outcome.error("EIO: collection " + collection + " is damaged and quarantined");
        }
        String v = collections.getOrDefault(collection, new TreeMap<>()).get(key);
        return v == null ? Outcome.notFound() : Outcome.found(v);
    }

    @Override
    public Outcome delete(String collection, String key) {
        return write(collection, Map.of(), key);
    }

    @Override
    public Outcome list(String collection) {
        return Outcome.keys(new ArrayList<>(collections.getOrDefault(collection, new TreeMap<>()).keySet()));
    }

    @Override
    public Outcome flush() {
        return Outcome.ok(); // every write was forced before it was acknowledged
    }

    @Override
    public Health health() {
        return damaged.isEmpty() ? Health.ok() : Health.degraded(Map.of("quarantined", new ArrayList<>(damaged)));
    }

    @Override
    public void close() {
    }
}
