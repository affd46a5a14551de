package dev.faultline.check;

import dev.faultline.engine.FinalState.KeyRef;
import dev.faultline.engine.OpKind;
import dev.faultline.engine.Operation;
import dev.faultline.engine.Phase;
import dev.faultline.spi.Outcome;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every read and list of the workload judged against the writes around it, each key a register
 * (Jepsen's register model, checked per key as Porcupine does, without a search: a read may
 * return any write not hidden by a later write it must see). A write is one the reader must see
 * once it was acknowledged before the read began, by the reader's own instance or, from another
 * instance, followed by that instance's acknowledged flush before the read began. A delete writes
 * "absent"; before any write a key is absent. A write that failed or never answered may or may
 * not have taken effect.
 *
 * <p>A read of a value never written to the key is CORRUPTION (with the key it was written to,
 * when there is one: two keys merged, e.g. by a file system that folds case); a read of a value a
 * later visible write hid, or "absent" where a put must be seen, is SILENT_LOSS (a stale cache, a
 * lost update). A list must contain every key a read at that moment must find, and nothing no
 * read could find. Keys beyond {@code retainLast} are not judged.
 */
public final class RegisterChecker implements Checker {
    public static final String NAME = "register-reads";
    private static final int MAX_EXPLAINED = 8;

    @Override
    public CheckResult check(CheckInput input) {
        if (input.capabilities() == null) {
            return CheckResult.unknown(NAME, "the adapter never opened");
        }
        List<Operation> ops = input.history().select(o -> o.phase() == Phase.WORKLOAD);
        Set<KeyRef> exempt = AcknowledgedWritesChecker.retentionExempt(ops, input.capabilities());
        Map<KeyRef, List<Operation>> writes = new HashMap<>();
        Map<String, List<Operation>> writesByValue = new HashMap<>();
        Map<Integer, List<Operation>> flushes = new HashMap<>();
        Map<String, Set<String>> keysOf = new HashMap<>();
        for (Operation o : ops) {
            if (o.kind().isWrite() && o.key() != null) {
                writes.computeIfAbsent(new KeyRef(o.collection(), o.key()), k -> new ArrayList<>()).add(o);
                keysOf.computeIfAbsent(o.collection(), c -> new TreeSet<>()).add(o.key());
                if (o.kind() == OpKind.PUT && o.value() != null && !o.value().isEmpty()) {
                    writesByValue.computeIfAbsent(o.value(), v -> new ArrayList<>()).add(o);
                }
            } else if (o.kind() == OpKind.FLUSH && o.acknowledged()) {
                flushes.computeIfAbsent(o.instance(), i -> new ArrayList<>()).add(o);
            }
        }
        Registers registers = new Registers(writes, flushes);
        List<String> corrupt = new ArrayList<>();
        List<String> lost = new ArrayList<>();
        int reads = 0;
        int lists = 0;
        for (Operation r : ops) {
            if (r.outcome() == null || r.outcome().isError()) {
                continue;
            }
            if (r.kind() == OpKind.GET) {
                KeyRef key = new KeyRef(r.collection(), r.key());
                if (exempt.contains(key)) {
                    continue;
                }
                reads++;
                judgeRead(r, key, registers, writesByValue, corrupt, lost);
            } else if (r.kind() == OpKind.LIST) {
                lists++;
                judgeList(r, keysOf.getOrDefault(r.collection(), Set.of()), exempt, registers, corrupt, lost);
            }
        }
        if (!corrupt.isEmpty()) {
            return CheckResult.fail(NAME, FailureKind.CORRUPTION, corrupt.size() + " answers (of " + reads + " reads and " + lists
                    + " lists) held what was never written there", limit(corrupt));
        }
        if (!lost.isEmpty()) {
            return CheckResult.fail(NAME, FailureKind.SILENT_LOSS, lost.size() + " answers (of " + reads + " reads and " + lists
                    + " lists) missed a write they had to see", limit(lost));
        }
        return CheckResult.pass(NAME, reads + " reads and " + lists + " lists consistent with every key as a register");
    }

    private static void judgeRead(Operation r, KeyRef key, Registers registers, Map<String, List<Operation>> writesByValue,
                                  List<String> corrupt, List<String> lost) {
        Candidates c = registers.candidates(key, r);
        boolean found = r.outcome().status() == Outcome.Status.OK;
        String value = found ? r.outcome().value() : null;
        if (found ? c.allows(value) : c.allowsAbsent()) {
            return;
        }
        String what = r.describe();
        if (found && !c.everWritten(value)) {
            String elsewhere = writesByValue.getOrDefault(value, List.of()).stream().findFirst()
                    .map(w -> "; that value was written to " + w.collection() + "/" + w.key() + " by " + w.describe()
                            + " (two keys merged?)").orElse("");
            corrupt.add(what + ": " + preview(value) + " was never written to " + key + elsewhere);
            return;
        }
        if (c.mustSee == null) { // a value only a write that began after the read could have put there
            corrupt.add(what + ": " + preview(value) + " came from a write that began after the read ended");
            return;
        }
        lost.add(what + ": " + (found ? "a value a later write had replaced" : "absent") + "; it had to see " + mustSee(c, r));
    }

    private static void judgeList(Operation list, Set<String> keys, Set<KeyRef> exempt, Registers registers,
                                  List<String> corrupt, List<String> lost) {
        Set<String> listed = new HashSet<>(list.outcome().keyList());
        for (String key : keys) {
            KeyRef ref = new KeyRef(list.collection(), key);
            if (exempt.contains(ref)) {
                continue;
            }
            Candidates c = registers.candidates(ref, list);
            if (listed.contains(key) && !c.allowsSomeValue()) {
                lost.add(list.describe() + ": listed " + key + ", which had to be absent"
                        + (c.mustSee == null ? " (no put had begun)" : " after " + mustSee(c, list)));
            } else if (!listed.contains(key) && !c.allowsAbsent()) {
                lost.add(list.describe() + ": did not list " + key + "; it had to see " + mustSee(c, list));
            }
        }
        for (String key : listed) {
            if (!keys.contains(key)) {
                corrupt.add(list.describe() + ": listed " + key + ", never written to " + list.collection());
            }
        }
    }

    /** The writes of every key, indexed once so that each read is judged in logarithmic time. */
    private static final class Registers {
        private final Map<KeyRef, Register> registers = new HashMap<>();
        private final Map<Integer, long[]> flushStarts = new HashMap<>();
        private final Map<Integer, long[]> flushEnds = new HashMap<>();

        Registers(Map<KeyRef, List<Operation>> writes, Map<Integer, List<Operation>> flushes) {
            flushes.forEach((instance, fs) -> {
                flushStarts.put(instance, fs.stream().mapToLong(Operation::startNanos).toArray());
                flushEnds.put(instance, fs.stream().mapToLong(Operation::endNanos).toArray());
            });
            writes.forEach((key, ws) -> registers.put(key, new Register(ws, this)));
        }

        Candidates candidates(KeyRef key, Operation r) {
            Register register = registers.get(key);
            return register == null ? new Candidates(null, r, null) : register.candidates(r);
        }

        /**
         * When a reader in {@code instance} must see write {@code w}: once it is acknowledged if it
         * is its own, once its instance's next flush after it is acknowledged otherwise; never for
         * a write that was not acknowledged.
         */
        long visibleAt(Operation w, int instance) {
            if (!w.acknowledged()) {
                return Long.MAX_VALUE;
            }
            if (w.instance() == instance) {
                return w.endNanos();
            }
            long[] starts = flushStarts.getOrDefault(w.instance(), new long[0]);
            int i = Arrays.binarySearch(starts, w.endNanos());
            int first = i >= 0 ? i : -i - 1;
            return first < starts.length ? flushEnds.get(w.instance())[first] : Long.MAX_VALUE;
        }
    }

    /** One key's writes: by start (puts and deletes apart), by value, and by when each reader instance must see them. */
    private static final class Register {
        private final List<Operation> writes;
        private final Registers all;
        private final Ends puts;
        private final Ends deletes;
        private final Map<String, List<Operation>> byValue = new HashMap<>();
        /** Per reader instance: writes by when that reader must see them, with the latest-starting one so far. */
        private final Map<Integer, Visible> visible = new HashMap<>();

        Register(List<Operation> writes, Registers all) {
            this.writes = writes;
            this.all = all;
            this.puts = new Ends(writes.stream().filter(w -> w.kind() == OpKind.PUT).toList());
            this.deletes = new Ends(writes.stream().filter(w -> w.kind() == OpKind.DELETE).toList());
            for (Operation w : writes) {
                if (w.kind() == OpKind.PUT) {
                    byValue.computeIfAbsent(w.value(), v -> new ArrayList<>()).add(w);
                }
            }
        }

        Candidates candidates(Operation r) {
            Visible v = visible.computeIfAbsent(r.instance(), i -> new Visible(writes, all, i));
            return new Candidates(this, r, v.latestBefore(r.startNanos()));
        }
    }

    /** Writes sorted by start, with the latest end so far (an unanswered write never ends). */
    private static final class Ends {
        final long[] starts;
        final long[] maxEnd;

        Ends(List<Operation> writes) {
            List<Operation> sorted = new ArrayList<>(writes);
            sorted.sort(java.util.Comparator.comparingLong(Operation::startNanos));
            starts = sorted.stream().mapToLong(Operation::startNanos).toArray();
            maxEnd = new long[sorted.size()];
            long max = Long.MIN_VALUE;
            for (int i = 0; i < sorted.size(); i++) {
                max = Math.max(max, effectiveEnd(sorted.get(i)));
                maxEnd[i] = max;
            }
        }

        /** Whether a write that began before {@code before} may still be in effect at {@code floor} (ended at or after it). */
        boolean anyStartedBeforeEndingAfter(long before, long floor) {
            int i = Arrays.binarySearch(starts, before);
            int count = i >= 0 ? lowest(starts, i) : -i - 1; // starts strictly before
            return count > 0 && maxEnd[count - 1] >= floor;
        }

        private static int lowest(long[] a, int i) {
            while (i > 0 && a[i - 1] == a[i]) {
                i--;
            }
            return i;
        }
    }

    /** For one reader instance: writes by when it must see them, with the one that started last so far. */
    private static final class Visible {
        final long[] at;
        final Operation[] latest;

        Visible(List<Operation> writes, Registers all, int instance) {
            List<Operation> sorted = new ArrayList<>(writes);
            Map<Operation, Long> when = new HashMap<>();
            sorted.forEach(w -> when.put(w, all.visibleAt(w, instance)));
            sorted.sort(java.util.Comparator.comparingLong(when::get));
            at = sorted.stream().mapToLong(when::get).toArray();
            latest = new Operation[sorted.size()];
            Operation best = null;
            for (int i = 0; i < sorted.size(); i++) {
                Operation w = sorted.get(i);
                if (at[i] != Long.MAX_VALUE && (best == null || w.startNanos() > best.startNanos())) {
                    best = w;
                }
                latest[i] = best;
            }
        }

        /** The latest-starting write a reader beginning at {@code start} must see, or null. */
        Operation latestBefore(long start) {
            int i = Arrays.binarySearch(at, start);
            int count = i >= 0 ? Ends.lowest(at, i) : -i - 1; // must be seen strictly before the read began
            return count == 0 ? null : latest[count - 1];
        }
    }

    private static long effectiveEnd(Operation w) {
        return w.outcome() == null ? Long.MAX_VALUE : w.endNanos();
    }

    /**
     * What a read (or list) {@code r} may return: a write that began before it ended and was not
     * hidden by {@code mustSee}, the latest-starting write it must see (null: none, so "absent"
     * is allowed). A write is hidden when it ended before {@code mustSee} began.
     */
    private record Candidates(Register register, Operation r, Operation mustSee) {
        private long floor() {
            return mustSee == null ? Long.MIN_VALUE : mustSee.startNanos();
        }

        boolean allows(String value) {
            return register != null && register.byValue.getOrDefault(value, List.of()).stream()
                    .anyMatch(w -> w.startNanos() < r.endNanos() && effectiveEnd(w) >= floor());
        }

        boolean allowsAbsent() {
            return mustSee == null || register.deletes.anyStartedBeforeEndingAfter(r.endNanos(), floor());
        }

        boolean allowsSomeValue() {
            return register != null && register.puts.anyStartedBeforeEndingAfter(r.endNanos(), floor());
        }

        boolean everWritten(String value) {
            return register != null && register.byValue.containsKey(value);
        }
    }

    private static String mustSee(Candidates c, Operation reader) {
        return c.mustSee.describe() + (c.mustSee.instance() == reader.instance() ? "" : " (flushed before the read)");
    }

    private static List<String> limit(List<String> lines) {
        if (lines.size() <= MAX_EXPLAINED) {
            return lines;
        }
        List<String> out = new ArrayList<>(lines.subList(0, MAX_EXPLAINED));
        out.add("... and " + (lines.size() - MAX_EXPLAINED) + " more");
        return out;
    }

    private static String preview(String value) {
        return AcknowledgedWritesChecker.preview(value);
    }
}
