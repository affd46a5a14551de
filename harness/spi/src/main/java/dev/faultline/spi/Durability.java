package dev.faultline.spi;

import java.util.Locale;

/** When an acknowledged write is promised to survive a restart. */
public enum Durability {
    /** Acknowledged means durable. */
    PUT,
    /** Durable after a successful {@link StorageAdapter#flush()}. */
    FLUSH,
    /** In memory only: nothing survives a restart. */
    NEVER;

    /** The protocol spelling: {@code put}, {@code flush}, {@code never}. */
    public String protocolName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Durability fromProtocolName(String name) {
        for (Durability d : values()) {
            if (d.protocolName().equals(name)) {
                return d;
            }
        }
        throw new IllegalArgumentException("durableAfter must be put, flush or never, not '" + name + "'");
    }
}
