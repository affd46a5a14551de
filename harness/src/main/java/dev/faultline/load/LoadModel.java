package dev.faultline.load;

import java.time.Duration;

/** How load is offered: a fixed number of busy workers, or operations at a rate. */
public sealed interface LoadModel {

    Duration duration();

    /** {@code workers} each issue the next operation as soon as the last one answers. */
    record Closed(int workers, Duration duration) implements LoadModel {
        public Closed {
            if (workers < 1) {
                throw new IllegalArgumentException("a closed model needs at least one worker");
            }
        }
    }

    /**
     * Operations intended at a rate, rising linearly from {@code startPerSecond} to
     * {@code endPerSecond} (equal: constant), served by up to {@code workers} at once. An
     * operation that cannot start on time starts late and its latency counts from when it was
     * due (wrk2's correction of coordinated omission).
     */
    record Open(double startPerSecond, double endPerSecond, Duration duration, int workers) implements LoadModel {
        public Open {
            if (startPerSecond <= 0 || endPerSecond <= 0 || workers < 1) {
                throw new IllegalArgumentException("an open model needs positive rates and at least one worker");
            }
        }

        public static Open constant(double perSecond, Duration duration, int workers) {
            return new Open(perSecond, perSecond, duration, workers);
        }

        /** When operation {@code n} (from 0) is due, in nanoseconds from the start. */
        long intendedNanos(long n) {
            double seconds = duration.toNanos() / 1e9;
            double a = (endPerSecond - startPerSecond) / seconds; // rate(t) = start + a t; ops(t) = start t + a t^2 / 2
            double t = a == 0 ? n / startPerSecond
                    : (-startPerSecond + Math.sqrt(startPerSecond * startPerSecond + 2 * a * n)) / a;
            return (long) (t * 1e9);
        }

        /** How many operations the schedule holds. */
        long total() {
            double seconds = duration.toNanos() / 1e9;
            return (long) Math.floor((startPerSecond + endPerSecond) / 2 * seconds);
        }
    }
}
