package dev.faultline.spi;

import java.util.Map;

/**
 * Whether the store can serve all its data. Degraded when anything is quarantined or unreadable;
 * {@code detail} names what (collections, files, counts).
 */
public record Health(boolean healthy, Map<String, Object> detail) {
    public Health {
        detail = Map.copyOf(detail);
    }

    public static Health ok() {
        return new Health(true, Map.of());
    }

    public static Health degraded(Map<String, Object> detail) {
        return new Health(false, detail);
    }

    public String status() {
        return healthy ? "healthy" : "degraded";
    }
}
