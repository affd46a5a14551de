package dev.faultline.fault.crash;

import java.io.IOException;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * One state a power loss may leave at a {@link CrashPoint}: which of the operations not yet
 * durable persisted ({@code entries} and {@code data} index the point's pending lists) and how
 * many bytes of each torn write did.
 */
public record CrashState(CrashPoint point, BitSet entries, BitSet data, Map<Integer, Integer> torn) {

    /** Writes this state's directory tree under {@code root}, an empty directory. */
    public void materialize(Path root) throws IOException {
        point.materialize(this, root);
    }

    /** What this state left out or tore, in words ("not persisted: rename a.tmp -> a"); empty when everything persisted. */
    public List<String> deviations() {
        return point.deviations(this);
    }

    /** How far this state is from "everything persisted in order": what a smallest failing state minimises. */
    public int distance() {
        return point.pending() - entries.cardinality() - data.cardinality() + torn.size();
    }

    /** Identifies the state within its point, for deduplication. */
    String key() {
        return entries + "|" + data + "|" + torn;
    }
}
