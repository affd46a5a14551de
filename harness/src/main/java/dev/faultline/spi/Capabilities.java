package dev.faultline.spi;

import java.util.OptionalInt;

/**
 * What an adapter promises, so that checkers judge it by its own promise.
 *
 * @param durableAfter when acknowledged writes survive a restart
 * @param multiProcess whether several instances may share one root
 * @param retainLast   if present, only the newest N keys of each collection are kept
 */
public record Capabilities(Durability durableAfter, boolean multiProcess, OptionalInt retainLast) {

    /** The protocol's defaults: durable after flush, single process, unbounded retention. */
    public static final Capabilities DEFAULT = new Capabilities(Durability.FLUSH, false, OptionalInt.empty());

    public Capabilities {
        if (retainLast.isPresent() && retainLast.getAsInt() < 1) {
            throw new IllegalArgumentException("retainLast must be at least 1, not " + retainLast.getAsInt());
        }
    }

    public Capabilities withDurableAfter(Durability d) {
        return new Capabilities(d, multiProcess, retainLast);
    }

    public Capabilities withMultiProcess(boolean m) {
        return new Capabilities(durableAfter, m, retainLast);
    }

    public Capabilities withRetainLast(int n) {
        return new Capabilities(durableAfter, multiProcess, OptionalInt.of(n));
    }
}
