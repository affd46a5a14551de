package dev.faultline.spi;

import java.util.OptionalInt;

/**
 * What an adapter promises, so that checkers judge it by its own promise.
 *
 * @param durableAfter        when acknowledged writes survive a restart
 * @param multiProcess        whether several instances may share one root
 * @param retainLast          if present, only the newest N keys of each collection are kept
 * @param caseInsensitiveKeys whether keys that differ only in case are one key (as file names on
 *                            Windows and macOS): workloads then use one spelling of each
 * @param maxKeyLength        the longest key the store takes (1 to {@link #PROTOCOL_MAX_KEY_LENGTH});
 *                            workloads use no longer one
 */
public record Capabilities(Durability durableAfter, boolean multiProcess, OptionalInt retainLast, boolean caseInsensitiveKeys,
                           int maxKeyLength) {

    /** Protocol v1's longest collection or key name. */
    public static final int PROTOCOL_MAX_KEY_LENGTH = 200;

    /** The protocol's defaults: durable after flush, single process, unbounded retention, every key protocol v1 allows. */
    public static final Capabilities DEFAULT = new Capabilities(Durability.FLUSH, false, OptionalInt.empty());

    public Capabilities {
        if (retainLast.isPresent() && retainLast.getAsInt() < 1) {
            throw new IllegalArgumentException("retainLast must be at least 1, not " + retainLast.getAsInt());
        }
        if (maxKeyLength < 1 || maxKeyLength > PROTOCOL_MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("maxKeyLength must be 1 to " + PROTOCOL_MAX_KEY_LENGTH + ", not " + maxKeyLength);
        }
    }

    /** Keys as protocol v1 allows them, case-sensitive, up to 200 characters. */
    public Capabilities(Durability durableAfter, boolean multiProcess, OptionalInt retainLast) {
        this(durableAfter, multiProcess, retainLast, false, PROTOCOL_MAX_KEY_LENGTH);
    }

    public Capabilities withDurableAfter(Durability d) {
        return new Capabilities(d, multiProcess, retainLast, caseInsensitiveKeys, maxKeyLength);
    }

    public Capabilities withMultiProcess(boolean m) {
        return new Capabilities(durableAfter, m, retainLast, caseInsensitiveKeys, maxKeyLength);
    }

    public Capabilities withRetainLast(int n) {
        return new Capabilities(durableAfter, multiProcess, OptionalInt.of(n), caseInsensitiveKeys, maxKeyLength);
    }

    public Capabilities withCaseInsensitiveKeys(boolean c) {
        return new Capabilities(durableAfter, multiProcess, retainLast, c, maxKeyLength);
    }

    public Capabilities withMaxKeyLength(int n) {
        return new Capabilities(durableAfter, multiProcess, retainLast, caseInsensitiveKeys, n);
    }
}
