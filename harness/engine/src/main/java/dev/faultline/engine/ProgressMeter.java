package dev.faultline.engine;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Progress of a long phase (populating 50,000 records, writing 50,000 samples): at most one line
 * every {@link #EVERY_NANOS}, with done/total, the rate and an ETA at that rate. Thread-safe:
 * several writers advance one meter.
 */
public final class ProgressMeter {
    static final long EVERY_NANOS = 5_000_000_000L;

    private final String what;
    private final long total;
    private final Consumer<String> out;
    private final long startNanos = System.nanoTime();
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong lastReport = new AtomicLong(startNanos);

    ProgressMeter(String what, long total, Consumer<String> out) {
        this.what = what;
        this.total = total;
        this.out = out;
    }

    /** {@code n} more done; reports when the last report is old enough. */
    public void advance(long n) {
        long now = done.addAndGet(n);
        long t = System.nanoTime();
        long last = lastReport.get();
        if (t - last >= EVERY_NANOS && lastReport.compareAndSet(last, t)) {
            out.accept(line(now, t));
        }
    }

    public long done() {
        return done.get();
    }

    String line(long doneNow, long nanos) {
        double seconds = (nanos - startNanos) / 1e9;
        double rate = doneNow / Math.max(1e-9, seconds);
        String eta = rate > 0 ? String.format(", about %.0f s left at that rate", (total - doneNow) / rate) : "";
        return String.format("%s: %,d of %,d (%.0f/s%s)", what, doneNow, total, rate, eta);
    }
}
