package dev.faultline.load;

import org.HdrHistogram.Histogram;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a load run measured: operations and errors (by kind: an error's text up to its first
 * colon, such as {@code ENOSPC} or an exception's class), latency from the intended
 * start in microseconds (HdrHistogram), and completed operations per second of the run.
 *
 * @param stoppedEarly whether the run ended before its model's end because the caller said enough
 */
public record LoadResult(long operations, long errors, Map<String, Long> errorsByKind, double seconds,
                         Histogram latencyMicros, List<Long> perSecond, boolean stoppedEarly) {

    public double operationsPerSecond() {
        return operations / seconds;
    }

    /** The figures a result and a baseline keep. */
    public Map<String, Object> figures() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("operations", operations);
        f.put("errors", errors);
        if (!errorsByKind.isEmpty()) {
            f.put("errorsByKind", new java.util.TreeMap<>(errorsByKind));
        }
        f.put("operationsPerSecond", Math.round(operationsPerSecond() * 1000) / 1000.0);
        Map<String, Object> latency = new LinkedHashMap<>();
        for (double p : new double[] {50, 95, 99, 99.9}) {
            latency.put("p" + (p == Math.rint(p) ? String.valueOf((int) p) : String.valueOf(p)), latencyMicros.getValueAtPercentile(p) / 1000.0);
        }
        latency.put("max", latencyMicros.getMaxValue() / 1000.0);
        f.put("latencyMs", latency);
        f.put("throughputPerSecond", perSecond);
        if (stoppedEarly) {
            f.put("stoppedEarly", true);
        }
        return f;
    }
}
