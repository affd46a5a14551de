package dev.faultline.fault;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * When and how a fault fires: the operations and paths it matches, what it does (an errno or a
 * delay), and its trigger: skip the first {@code skip} matches, then fire at most {@code times}
 * times (0: without limit), each with {@code probability} from the run's seed, and only inside
 * the time window. Immutable; made with {@link #on(IoOp...)}.
 * <pre>{@code FaultRule.on(IoOp.RENAME).matching("**.json").fail(Errno.EPERM).times(3)}</pre>
 *
 * @param glob   a glob over the path relative to the fault file system's root, '/' separated; null for all
 * @param errno  the error raised, or null for a pure delay
 * @param delay  waited before the operation proceeds or fails
 * @param until  end of the active window, or null for no end
 */
public record FaultRule(String name, Set<IoOp> ops, String glob, Errno errno, Duration delay,
                        int skip, int times, double probability, Duration from, Duration until) {

    public FaultRule {
        Objects.requireNonNull(name, "name");
        ops = Set.copyOf(ops);
        if (ops.isEmpty()) {
            throw new IllegalArgumentException("a rule matches at least one operation");
        }
        if (errno == null && delay.isZero()) {
            throw new IllegalArgumentException("rule " + name + " neither fails nor delays");
        }
        if (skip < 0 || times < 0 || !(probability > 0 && probability <= 1)) {
            throw new IllegalArgumentException("rule " + name + ": skip and times must be >= 0, probability in (0, 1]");
        }
    }

    /** A rule failing every matching operation with EIO, until told otherwise. */
    public static FaultRule on(IoOp first, IoOp... more) {
        return new FaultRule(first.name().toLowerCase(java.util.Locale.ROOT) + "-fault", EnumSet.of(first, more), null,
                Errno.EIO, Duration.ZERO, 0, 0, 1, Duration.ZERO, null);
    }

    public FaultRule named(String n) {
        return new FaultRule(n, ops, glob, errno, delay, skip, times, probability, from, until);
    }

    public FaultRule matching(String g) {
        return new FaultRule(name, ops, g, errno, delay, skip, times, probability, from, until);
    }

    public FaultRule fail(Errno e) {
        return new FaultRule(name, ops, glob, e, delay, skip, times, probability, from, until);
    }

    /** Delays the operation, then fails it with the rule's errno. */
    public FaultRule delay(Duration d) {
        return new FaultRule(name, ops, glob, errno, d, skip, times, probability, from, until);
    }

    /** Delays the operation, then lets it proceed: latency without failure. */
    public FaultRule delayOnly(Duration d) {
        return new FaultRule(name, ops, glob, null, d, skip, times, probability, from, until);
    }

    public FaultRule afterSkipping(int n) {
        return new FaultRule(name, ops, glob, errno, delay, n, times, probability, from, until);
    }

    public FaultRule times(int n) {
        return new FaultRule(name, ops, glob, errno, delay, skip, n, probability, from, until);
    }

    public FaultRule withProbability(double p) {
        return new FaultRule(name, ops, glob, errno, delay, skip, times, p, from, until);
    }

    /** Active only from {@code start} to {@code end} after the file system was made. */
    public FaultRule between(Duration start, Duration end) {
        return new FaultRule(name, ops, glob, errno, delay, skip, times, probability, start, end);
    }

    String effect() {
        String d = delay.isZero() ? "" : "delay " + delay.toMillis() + " ms";
        return errno == null ? d : (d.isEmpty() ? "" : d + ", then ") + errno;
    }
}
