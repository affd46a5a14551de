package dev.faultline.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;

/** Every operation of a run, recorded from many threads, read once the run is over. */
public final class History {
    private final ConcurrentLinkedQueue<Operation> operations = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<TimedFault> faults = new ConcurrentLinkedQueue<>();
    private final long originNanos = System.nanoTime();

    /** Nanoseconds since this history (the run) started. */
    public long now() {
        return System.nanoTime() - originNanos;
    }

    /** An instant on {@link System#nanoTime()}'s clock (a load engine's due time) on this history's. */
    public long at(long nanoTime) {
        return nanoTime - originNanos;
    }

    public void record(Operation op) {
        operations.add(op);
    }

    /** A fault injected (or one that hit an operation), noted with the time it happened. */
    public record TimedFault(long atNanos, String description) {
    }

    /** A fault that hit an operation, as a line of evidence, at the run's current time. */
    public void recordFault(String description) {
        faults.add(new TimedFault(now(), description));
    }

    /** The faults' descriptions, in order. */
    public List<String> faults() {
        return faults.stream().map(TimedFault::description).toList();
    }

    /** The faults with their times, for a timeline. */
    public List<TimedFault> timedFaults() {
        return List.copyOf(faults);
    }

    /** All operations, ordered by start time. */
    public List<Operation> operations() {
        List<Operation> all = new ArrayList<>(operations);
        all.sort(Comparator.comparingLong(Operation::startNanos));
        return all;
    }

    public List<Operation> select(Predicate<Operation> filter) {
        return operations().stream().filter(filter).toList();
    }

    public List<Operation> workload() {
        return select(op -> op.phase() == Phase.WORKLOAD);
    }
}
