package dev.faultline.check;

import dev.faultline.engine.FinalState.KeyRef;
import dev.faultline.engine.OpKind;
import dev.faultline.engine.Operation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads made during the workload: a value never written to that key is CORRUPTION; a key the same
 * instance wrote and had acknowledged before the read began, with no delete since, read as missing
 * is SILENT_LOSS (read-your-writes). Loud read failures are the availability checker's business.
 */
public final class ReadsChecker implements Checker {
    public static final String NAME = "reads";

    @Override
    public CheckResult check(CheckInput input) {
        List<Operation> ops = input.history().workload();
        Map<KeyRef, Set<String>> written = new HashMap<>();
        Map<KeyRef, List<Operation>> writes = new HashMap<>();
        for (Operation o : ops) {
            if (o.kind().isWrite()) {
                KeyRef k = new KeyRef(o.collection(), o.key());
                writes.computeIfAbsent(k, x -> new ArrayList<>()).add(o);
                if (o.kind() == OpKind.PUT) {
                    written.computeIfAbsent(k, x -> new HashSet<>()).add(o.value());
                }
            }
        }
        List<String> corrupt = new ArrayList<>();
        List<String> lost = new ArrayList<>();
        int reads = 0;
        for (Operation read : ops) {
            if (read.kind() != OpKind.GET || read.outcome() == null || read.failedLoudly()) {
                continue;
            }
            reads++;
            KeyRef k = new KeyRef(read.collection(), read.key());
            if (read.acknowledged()) {
                if (!written.getOrDefault(k, Set.of()).contains(read.outcome().value())) {
                    corrupt.add(read.describe() + ": read " + AcknowledgedWritesChecker.preview(read.outcome().value())
                            + ", never written to this key");
                }
                continue;
            }
            List<Operation> keyWrites = writes.getOrDefault(k, List.of());
            boolean ownAcked = keyWrites.stream().anyMatch(w -> w.kind() == OpKind.PUT && w.instance() == read.instance()
                    && w.acknowledged() && w.endNanos() < read.startNanos());
            boolean deleteMayApply = keyWrites.stream().anyMatch(w -> w.kind() == OpKind.DELETE && w.startNanos() < read.endNanos());
            if (ownAcked && !deleteMayApply) {
                lost.add(read.describe() + ": missing, though this instance's put was acknowledged before");
            }
        }
        if (!corrupt.isEmpty()) {
            return CheckResult.fail(NAME, FailureKind.CORRUPTION, corrupt.size() + " of " + reads + " reads returned bytes never written", corrupt);
        }
        if (!lost.isEmpty()) {
            return CheckResult.fail(NAME, FailureKind.SILENT_LOSS, lost.size() + " of " + reads + " reads missed the reader's own acknowledged write", lost);
        }
        return CheckResult.pass(NAME, reads + " reads during the workload consistent with what was written");
    }
}
