package dev.faultline.fault;

import java.util.concurrent.locks.LockSupport;

/** Waiting for an instant on {@link System#nanoTime()}'s clock, to the microsecond rather than the millisecond. */
public final class Pacing {
    private Pacing() {
    }

    /**
     * Parks until {@code deadlineNanos} (at once when it has passed); false, with the interrupt
     * flag kept, when the thread was interrupted before.
     */
    public static boolean parkUntil(long deadlineNanos) {
        long left;
        while ((left = deadlineNanos - System.nanoTime()) > 0) {
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
            LockSupport.parkNanos(left);
        }
        return true;
    }
}
