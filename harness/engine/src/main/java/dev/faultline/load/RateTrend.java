package dev.faultline.load;

import java.util.ArrayList;
import java.util.List;

/**
 * The cost of a sequential workload, window by window (a window: a fixed number of operations),
 * so a slowdown is seen while the workload runs and a workload stopped by its budget can still be
 * judged: how much slower it is now, and, from a straight-line fit of the cost per operation
 * against the operations done (a store that rewrites everything on each write costs in
 * proportion to what it holds, incident 000), how much slower it would be by the end and when
 * it would finish.
 */
public final class RateTrend {
    /** Windows at the start and at the end compared, so one stall (a GC, an fsync) decides nothing. */
    private static final int SPAN = 3;

    private final int windowOperations;
    private final List<Double> windowSeconds = new ArrayList<>();

    public RateTrend(int windowOperations) {
        this.windowOperations = Math.max(1, windowOperations);
    }

    public int windowOperations() {
        return windowOperations;
    }

    /** A window of {@link #windowOperations()} operations took {@code seconds}. */
    public void record(double seconds) {
        windowSeconds.add(seconds);
    }

    public int windows() {
        return windowSeconds.size();
    }

    /**
     * How many times slower the latest windows are than the first ones: the fastest of the last
     * {@value #SPAN} over the median of the first {@value #SPAN}; 1 until there are twice that many.
     */
    public double slowdownNow() {
        int n = windowSeconds.size();
        if (n < 2 * SPAN) {
            return 1;
        }
        List<Double> first = new ArrayList<>(windowSeconds.subList(0, SPAN));
        first.sort(null);
        double latest = windowSeconds.subList(n - SPAN, n).stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        return latest / Math.max(1e-9, first.get(SPAN / 2));
    }

    /** Seconds per operation, fitted as {@code a + b * operationsDone} by least squares: {a, b}. */
    private double[] fit() {
        int n = windowSeconds.size();
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (int i = 0; i < n; i++) {
            double x = (i + 0.5) * windowOperations;
            double y = windowSeconds.get(i) / windowOperations;
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        double denominator = n * sxx - sx * sx;
        double b = n < 2 || denominator == 0 ? 0 : (n * sxy - sx * sy) / denominator;
        double a = (sy - b * sx) / Math.max(1, n);
        return new double[] {a, b};
    }

    /** The fitted cost of operations {@code from} to {@code to}, in seconds (never negative). */
    private double projectedSeconds(double[] ab, long from, long to) {
        double perOpAtMid = ab[0] + ab[1] * (from + to) / 2.0;
        return Math.max(0, perOpAtMid * (to - from));
    }

    /** By the fit: how many times slower the last tenth of {@code total} operations would be than the first. */
    public double projectedLastTenthOverFirst(long total) {
        double[] ab = fit();
        long tenth = total / 10;
        double first = projectedSeconds(ab, 0, tenth);
        return first <= 0 ? 1 : projectedSeconds(ab, total - tenth, total) / first;
    }

    /** By the fit: seconds the operations from {@code done} to {@code total} would still take. */
    public double projectedSecondsLeft(long done, long total) {
        return projectedSeconds(fit(), done, total);
    }

    /** The window times, rounded, for the evidence. */
    public List<Double> windowSeconds() {
        return windowSeconds.stream().map(s -> Math.round(s * 1000) / 1000.0).toList();
    }
}
