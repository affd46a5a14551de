package dev.faultline.check;

import dev.faultline.engine.FinalState;
import dev.faultline.engine.FinalState.KeyRef;
import dev.faultline.engine.OpKind;
import dev.faultline.engine.Operation;
import dev.faultline.spi.Capabilities;
import dev.faultline.spi.Durability;
import dev.faultline.spi.Outcome;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * After every workload instance closed, a fresh instance must read back what was promised durable:
 * a missing key, or an older value where a newer write was acknowledged, is SILENT_LOSS; a key
 * that cannot be read, a store that will not open, or bytes never written are CORRUPTION.
 *
 * <p>What is promised follows the declared capabilities: with {@code durableAfter=put} every
 * acknowledged write, with {@code flush} those followed by a successful flush on the same instance,
 * with {@code never} nothing. Keys older than the newest {@code retainLast} of their collection
 * may be gone. Concurrent writes to one key are judged as a register: any write not superseded by
 * a promised write that started after it ended is an acceptable final value, and a write that
 * failed or never answered may or may not have taken effect.
 */
public final class AcknowledgedWritesChecker implements Checker {
    public static final String NAME = "acknowledged-writes";

    @Override
    public CheckResult check(CheckInput input) {
        Capabilities caps = input.capabilities();
        if (caps == null) {
            return CheckResult.unknown(NAME, "the adapter never opened");
        }
        if (caps.durableAfter() == Durability.NEVER) {
            return CheckResult.skipped(NAME, "the adapter declares durableAfter=never: nothing is promised after a restart");
        }
        FinalState state = input.finalState();
        if (!state.opened()) {
            return CheckResult.fail(NAME, FailureKind.CORRUPTION,
                    "the store does not open after the workload: " + state.openError(), state.rootListing());
        }
        List<Operation> ops = input.history().workload();
        Map<KeyRef, List<Operation>> writesByKey = ops.stream().filter(o -> o.kind().isWrite())
                .collect(Collectors.groupingBy(o -> new KeyRef(o.collection(), o.key()), TreeMap::new, Collectors.toList()));
        Set<Operation> promised = promisedWrites(ops, caps);
        Set<KeyRef> exempt = retentionExempt(ops, caps);

        List<String> lost = new ArrayList<>();
        List<String> corrupt = new ArrayList<>();
        int judged = 0;
        for (var entry : writesByKey.entrySet()) {
            KeyRef key = entry.getKey();
            List<Operation> writes = entry.getValue();
            Outcome read = state.reads().get(key);
            if (read == null) {
                continue;
            }
            List<Operation> required = writes.stream().filter(promised::contains).toList();
            Set<String> everWritten = writes.stream().filter(w -> w.kind() == OpKind.PUT).map(Operation::value)
                    .collect(Collectors.toCollection(HashSet::new));
            if (read.isError()) {
                if (!required.isEmpty() && !exempt.contains(key)) {
                    corrupt.add(key + ": unreadable: " + read.error());
                }
                continue;
            }
            if (read.isOk() && !everWritten.contains(read.value())) {
                corrupt.add(key + ": read " + preview(read.value()) + ", never written to this key");
                continue;
            }
            if (required.isEmpty() || exempt.contains(key)) {
                continue;
            }
            judged++;
            List<Operation> candidates = writes.stream()
                    .filter(w -> required.stream().noneMatch(r -> r.startNanos() > w.endNanos()))
                    .toList();
            Operation newest = required.stream().max(Comparator.comparingLong(Operation::endNanos)).orElseThrow();
            if (read.status() == Outcome.Status.NOT_FOUND) {
                if (candidates.stream().noneMatch(w -> w.kind() == OpKind.DELETE)) {
                    lost.add(key + ": missing; acknowledged by " + newest.describe());
                }
            } else if (candidates.stream().noneMatch(w -> w.kind() == OpKind.PUT && w.value().equals(read.value()))) {
                lost.add(key + ": an older value came back; the newer write was acknowledged by " + newest.describe());
            }
        }
        if (!corrupt.isEmpty()) {
            List<String> evidence = new ArrayList<>(corrupt);
            evidence.addAll(state.rootListing());
            return CheckResult.fail(NAME, FailureKind.CORRUPTION,
                    corrupt.size() + " keys unreadable or with bytes never written", evidence);
        }
        if (!lost.isEmpty()) {
            return CheckResult.fail(NAME, FailureKind.SILENT_LOSS,
                    lost.size() + " of " + judged + " acknowledged keys lost after reopen", lost);
        }
        return CheckResult.pass(NAME, judged + " acknowledged keys read back intact by a fresh instance"
                + (exempt.isEmpty() ? "" : " (" + exempt.size() + " older keys beyond retainLast not judged)"));
    }

    /** The acknowledged writes the capabilities promise to survive. */
    static Set<Operation> promisedWrites(List<Operation> ops, Capabilities caps) {
        Set<Operation> promised = new HashSet<>();
        Map<Integer, List<Operation>> flushes = ops.stream()
                .filter(o -> o.kind() == OpKind.FLUSH && o.acknowledged())
                .collect(Collectors.groupingBy(Operation::instance));
        for (Operation o : ops) {
            if (!o.kind().isWrite() || !o.acknowledged()) {
                continue;
            }
            boolean durable = caps.durableAfter() == Durability.PUT
                    || flushes.getOrDefault(o.instance(), List.of()).stream().anyMatch(f -> f.startNanos() >= o.endNanos());
            if (durable) {
                promised.add(o);
            }
        }
        return promised;
    }

    /** Keys beyond the newest {@code retainLast} of their collection, by the time of their last acknowledged put. */
    static Set<KeyRef> retentionExempt(List<Operation> ops, Capabilities caps) {
        if (caps.retainLast().isEmpty()) {
            return Set.of();
        }
        int keep = caps.retainLast().getAsInt();
        Map<String, Map<String, Long>> newestByCollection = new LinkedHashMap<>();
        for (Operation o : ops) {
            if (o.kind() == OpKind.PUT && o.outcome() != null) {
                newestByCollection.computeIfAbsent(o.collection(), c -> new LinkedHashMap<>())
                        .merge(o.key(), o.startNanos(), Math::max);
            }
        }
        Set<KeyRef> exempt = new HashSet<>();
        newestByCollection.forEach((collection, keys) -> {
            List<String> byAge = keys.entrySet().stream().sorted(Map.Entry.comparingByValue())
                    .map(Map.Entry::getKey).toList();
            // With a small margin: writes that overlapped in time may be ordered either way by the store.
            int exemptCount = Math.max(0, byAge.size() - keep);
            byAge.subList(0, Math.min(byAge.size(), exemptCount + Math.min(keep / 10, 16)))
                    .forEach(k -> exempt.add(new KeyRef(collection, k)));
        });
        return exempt;
    }

    static String preview(String value) {
        String head = value.length() > 40 ? value.substring(0, 40) + "..." : value;
        return "'" + head + "' (" + value.length() + " chars)";
    }
}
