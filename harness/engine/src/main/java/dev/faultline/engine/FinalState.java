package dev.faultline.engine;

import dev.faultline.spi.Health;
import dev.faultline.spi.Outcome;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeSet;
import java.util.Map;

/**
 * What a fresh instance saw after every workload instance was closed: the read of every key the
 * workload wrote, and the store's health. {@code openError} is set when the store would not open,
 * with {@code rootListing} (files, sizes, first bytes) as evidence.
 */
public record FinalState(Map<KeyRef, Outcome> reads, Health health, String openError, List<String> rootListing, long bytesOnDisk) {

    public FinalState {
        reads = Map.copyOf(reads);
        rootListing = List.copyOf(rootListing);
    }

    /** A final state whose disk use was not measured ({@code bytesOnDisk} -1). */
    public FinalState(Map<KeyRef, Outcome> reads, Health health, String openError, List<String> rootListing) {
        this(reads, health, openError, rootListing, -1);
    }

    /**
     * Reads, with {@code reader}, every key the workload of {@code history} wrote, then health,
     * then closes the reader, and measures the files under the root (after the reader's open and
     * close had their chance to compact).
     */
    public static FinalState read(History history, Instance reader, Path root) {
        TreeSet<KeyRef> keys = new TreeSet<>();
        history.workload().stream().filter(o -> o.kind().isWrite())
                .forEach(o -> keys.add(new KeyRef(o.collection(), o.key())));
        Map<KeyRef, Outcome> reads = new LinkedHashMap<>();
        for (KeyRef k : keys) {
            reads.put(k, reader.get(k.collection(), k.key()));
        }
        Health health = reader.health();
        reader.close();
        return new FinalState(reads, health, null, RootListing.describe(root), RootListing.totalBytes(root));
    }

    /** The store would not open: the error, and the files as evidence. */
    public static FinalState notOpened(String error, Path root) {
        return new FinalState(Map.of(), Health.degraded(Map.of("open", error)), error, RootListing.describe(root));
    }

    public boolean opened() {
        return openError == null;
    }

    /** A collection and a key. */
    public record KeyRef(String collection, String key) implements Comparable<KeyRef> {
        @Override
        public int compareTo(KeyRef o) {
            int c = collection.compareTo(o.collection);
            return c != 0 ? c : key.compareTo(o.key);
        }

        @Override
        public String toString() {
            return collection + "/" + Operation.shortName(key);
        }
    }
}
