package dev.faultline.check;

import dev.faultline.engine.FinalState.KeyRef;
import dev.faultline.engine.OpKind;
import dev.faultline.engine.Operation;
import dev.faultline.spi.Outcome;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A batch is all or nothing ({@code BatchWrites}' contract): after the restart, a batch that
 * failed or never answered is either wholly there or wholly absent, never half. (An acknowledged
 * one must be wholly there: {@link AcknowledgedWritesChecker} judges its entries.) Judged on the
 * batches whose keys no other write touched, so what a read returns is the batch's doing alone.
 * A half-kept batch is CORRUPTION: a state the store promised could not exist.
 */
public final class BatchAtomicityChecker implements Checker {
    public static final String NAME = "batch-atomicity";

    @Override
    public CheckResult check(CheckInput input) {
        if (!input.finalState().opened()) {
            return CheckResult.skipped(NAME, "the store did not open after the workload");
        }
        List<Operation> ops = input.history().workload();
        Map<KeyRef, Integer> writesPerKey = new HashMap<>();
        Map<List<Object>, List<Operation>> batches = new LinkedHashMap<>();
        for (Operation o : ops) {
            if (o.kind().isWrite() && o.key() != null) {
                writesPerKey.merge(new KeyRef(o.collection(), o.key()), 1, Integer::sum);
            }
            if (o.kind() == OpKind.PUT && o.key() != null) { // a batch's entries share instance, start and end
                batches.computeIfAbsent(List.of(o.instance(), o.startNanos(), o.endNanos(), o.collection()), k -> new ArrayList<>()).add(o);
            }
        }
        int judged = 0;
        List<String> halves = new ArrayList<>();
        for (List<Operation> batch : batches.values()) {
            if (batch.size() < 2 || batch.get(0).acknowledged()
                    || batch.stream().anyMatch(o -> writesPerKey.get(new KeyRef(o.collection(), o.key())) != 1)) {
                continue;
            }
            judged++;
            List<String> kept = new ArrayList<>();
            for (Operation o : batch) {
                Outcome read = input.finalState().reads().get(new KeyRef(o.collection(), o.key()));
                if (read != null && read.status() == Outcome.Status.OK && o.value().equals(read.value())) {
                    kept.add(o.key());
                }
            }
            if (!kept.isEmpty() && kept.size() < batch.size()) {
                Operation first = batch.get(0);
                halves.add(String.format("instance %d's batch of %d into %s at %.3fs -> %s: kept %d (%s)", first.instance(), batch.size(),
                        first.collection(), first.startNanos() / 1e9, first.outcome() == null ? "no answer" : first.outcome(),
                        kept.size(), String.join(", ", kept)));
            }
        }
        if (!halves.isEmpty()) {
            return CheckResult.fail(NAME, FailureKind.CORRUPTION, halves.size() + " of " + judged
                    + " failed batches were kept in part", halves);
        }
        return judged == 0
                ? CheckResult.pass(NAME, "no batch failed; nothing to judge beyond the acknowledged writes")
                : CheckResult.pass(NAME, judged + " failed batches kept whole or not at all");
    }
}
