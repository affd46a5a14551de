package dev.faultline.load;

import java.time.Duration;
import java.util.List;

/**
 * How load is offered: busy workers (for a time, or a number of operations each), operations at a
 * rate, or bursts released at set instants. Immutable; the engine reads it, scenarios build it.
 */
public sealed interface LoadModel {

    /** How many workers serve the load at once. */
    int workers();

    /**
     * {@code workers} each issue the next operation as soon as the last one answers, until
     * {@code duration} is over or, when {@code operationsPerWorker > 0}, after that many.
     */
    record Closed(int workers, Duration duration, long operationsPerWorker) implements LoadModel {
        public Closed {
            if (workers < 1 || (duration == null) == (operationsPerWorker <= 0)) {
                throw new IllegalArgumentException("a closed model needs at least one worker and either a duration or a count");
            }
        }

        /** For a time. */
        public Closed(int workers, Duration duration) {
            this(workers, duration, 0);
        }

        /** A fixed amount of work: {@code operationsPerWorker} each. */
        public static Closed counted(int workers, long operationsPerWorker) {
            return new Closed(workers, null, operationsPerWorker);
        }
    }

    /**
     * Operations due at instants fixed in advance, served by up to {@code workers()} at once. An
     * operation that cannot start on time starts late and its latency counts from when it was due
     * (wrk2's correction of coordinated omission).
     */
    sealed interface Scheduled extends LoadModel {
        /** When operation {@code n} (from 0, in due order) is due, in nanoseconds from the start. */
        long intendedNanos(long n);

        /** How many operations the schedule holds. */
        long total();
    }

    /** A rate rising linearly from {@code startPerSecond} to {@code endPerSecond} (equal: constant). */
    record Open(double startPerSecond, double endPerSecond, Duration duration, int workers) implements Scheduled {
        public Open {
            if (startPerSecond <= 0 || endPerSecond <= 0 || workers < 1) {
                throw new IllegalArgumentException("an open model needs positive rates and at least one worker");
            }
        }

        public static Open constant(double perSecond, Duration duration, int workers) {
            return new Open(perSecond, perSecond, duration, workers);
        }

        @Override
        public long intendedNanos(long n) {
            double seconds = duration.toNanos() / 1e9;
            double a = (endPerSecond - startPerSecond) / seconds; // rate(t) = start + a t; ops(t) = start t + a t^2 / 2
            double t = a == 0 ? n / startPerSecond
                    : (-startPerSecond + Math.sqrt(startPerSecond * startPerSecond + 2 * a * n)) / a;
            return (long) (t * 1e9);
        }

        @Override
        public long total() {
            double seconds = duration.toNanos() / 1e9;
            return (long) Math.floor((startPerSecond + endPerSecond) / 2 * seconds);
        }
    }

    /**
     * Bursts: every operation of a burst is due at its release instant (incident 004: 150 events at
     * once, then 3 x 100), whether or not the store has caught up with the last one, as clients do.
     */
    record Bursts(List<Burst> bursts, int workers) implements Scheduled {
        /** {@code size} operations due {@code at} after the start. */
        public record Burst(Duration at, int size) {
            public Burst {
                if (at.isNegative() || size < 1) {
                    throw new IllegalArgumentException("a burst needs a size and a release at or after the start");
                }
            }
        }

        public Bursts {
            bursts = List.copyOf(bursts);
            if (bursts.isEmpty() || workers < 1) {
                throw new IllegalArgumentException("bursts need at least one burst and one worker");
            }
            for (int i = 1; i < bursts.size(); i++) {
                if (bursts.get(i).at().compareTo(bursts.get(i - 1).at()) < 0) {
                    throw new IllegalArgumentException("bursts must be in release order");
                }
            }
        }

        /** Which burst operation {@code n} belongs to. */
        public int burstOf(long n) {
            long seen = 0;
            for (int i = 0; i < bursts.size(); i++) {
                seen += bursts.get(i).size();
                if (n < seen) {
                    return i;
                }
            }
            throw new IllegalArgumentException("operation " + n + " is past the last burst");
        }

        @Override
        public long intendedNanos(long n) {
            return bursts.get(burstOf(n)).at().toNanos();
        }

        @Override
        public long total() {
            return bursts.stream().mapToLong(Burst::size).sum();
        }
    }
}
