package dev.faultline.check;

import dev.faultline.engine.FinalState.KeyRef;
import dev.faultline.engine.Operation;
import dev.faultline.spi.Outcome;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Disk use against the live data it holds, once the workload overwrote or deleted and the store
 * had its chance to compact (every instance flushed and closed, a fresh one opened, read and
 * closed): all files under the root at most twice the live bytes (keys and values the final
 * reads found) plus 64 KiB plus 512 bytes per live key (a file per key, its header and name).
 * A log that never compacts grows without bound while its largest file stays small: judged by
 * the largest file alone, it passed. UNBOUNDED_GROWTH over the bound.
 */
public final class SpaceChecker implements Checker {
    public static final String NAME = "space";
    static final long SLACK = 64 * 1024;
    static final long PER_KEY = 512;

    private final boolean evenWithoutOverwrites;

    /** Judges disk use once the workload overwrote or deleted. */
    public SpaceChecker() {
        this(false);
    }

    private SpaceChecker(boolean evenWithoutOverwrites) {
        this.evenWithoutOverwrites = evenWithoutOverwrites;
    }

    /**
     * Judges disk use whatever the workload did: a workload that only adds keys (sample-growth)
     * still catches a store that keeps every autosave, whose files are each small while their
     * sum grows as the square of the data.
     */
    public static SpaceChecker always() {
        return new SpaceChecker(true);
    }

    @Override
    public CheckResult check(CheckInput input) {
        long onDisk = input.finalState().bytesOnDisk();
        if (!input.finalState().opened() || onDisk < 0) {
            return CheckResult.skipped(NAME, "disk use after the workload was not measured");
        }
        List<Operation> writes = input.history().workload().stream().filter(o -> o.kind().isWrite() && o.key() != null).toList();
        Set<KeyRef> distinct = new HashSet<>();
        writes.forEach(w -> distinct.add(new KeyRef(w.collection(), w.key())));
        if (writes.size() <= distinct.size() && !evenWithoutOverwrites) {
            return CheckResult.pass(NAME, "nothing overwritten or deleted: disk use is not judged against live data");
        }
        long live = 0;
        int liveKeys = 0;
        for (Map.Entry<KeyRef, Outcome> e : input.finalState().reads().entrySet()) {
            if (e.getValue().status() == Outcome.Status.OK && e.getValue().value() != null) {
                live += e.getValue().value().getBytes(StandardCharsets.UTF_8).length + e.getKey().key().length();
                liveKeys++;
            }
        }
        long bound = 2 * live + SLACK + PER_KEY * liveKeys;
        String figures = String.format("%,d bytes on disk for %,d live bytes in %d keys after %d writes to %d keys (bound %,d)",
                onDisk, live, liveKeys, writes.size(), distinct.size(), bound);
        return onDisk <= bound
                ? CheckResult.pass(NAME, figures)
                : CheckResult.fail(NAME, FailureKind.UNBOUNDED_GROWTH, figures, input.finalState().rootListing());
    }
}
