package dev.faultline.engine;

import dev.faultline.spi.Health;
import dev.faultline.spi.Outcome;

import java.util.List;
import java.util.Map;

/**
 * What a fresh instance saw after every workload instance was closed: the read of every key the
 * workload wrote, and the store's health. {@code openError} is set when the store would not open,
 * with {@code rootListing} (files, sizes, first bytes) as evidence.
 */
public record FinalState(Map<KeyRef, Outcome> reads, Health health, String openError, List<String> rootListing) {

    public FinalState {
        reads = Map.copyOf(reads);
        rootListing = List.copyOf(rootListing);
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
            return collection + "/" + key;
        }
    }
}
