package dev.faultline.load;

import dev.faultline.spi.Outcome;

/** What the load engine drives: one operation, by a worker, the {@code sequence}-th overall. */
@FunctionalInterface
public interface LoadTarget {
    /**
     * @param sequence      a scheduled model's operation number (0, 1, ... in due order); in the
     *                      closed model {@code worker + (n << 20)}, n counting the worker's own
     * @param intendedNanos when the operation was due, on {@link System#nanoTime()}'s clock
     * @return the outcome; an exception counts as an error
     */
    Outcome call(int worker, long sequence, long intendedNanos) throws Exception;
}
