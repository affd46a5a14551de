package dev.faultline.spi;

import java.util.Map;

/**
 * Optional for a {@link StorageAdapter}: writing several records as one request (a batch POST,
 * one transaction). The contract is all or nothing: an OK acknowledges every entry, an error
 * promises that no entry is half-kept in a way a later read could tell apart from "never written"
 * or "all written".
 */
public interface BatchWrites {
    /** Writes {@code entries} (in their iteration order) into {@code collection} as one batch. */
    Outcome putAll(String collection, Map<String, String> entries);
}
