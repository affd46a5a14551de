package dev.faultline.engine;

import org.HdrHistogram.Histogram;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The standard figures of a run, from its workload history: counts, throughput, and latency
 * percentiles from HdrHistogram, measured from each operation's intended start.
 */
public final class Figures {
    private static final double[] PERCENTILES = {50, 95, 99, 99.9};

    private Figures() {
    }

    public static Map<String, Object> of(History history) {
        List<Operation> ops = history.workload();
        Map<String, Object> f = new LinkedHashMap<>();
        long acked = ops.stream().filter(o -> o.kind().isWrite() && o.acknowledged()).count();
        long loud = ops.stream().filter(Operation::failedLoudly).count();
        long bytes = ops.stream().filter(o -> o.kind() == OpKind.PUT && o.acknowledged())
                .mapToLong(o -> o.value().getBytes(StandardCharsets.UTF_8).length).sum();
        long first = ops.stream().mapToLong(Operation::startNanos).min().orElse(0);
        long last = ops.stream().mapToLong(Operation::endNanos).max().orElse(0);
        double seconds = Math.max(1e-9, (last - first) / 1e9);
        f.put("operations", ops.size());
        f.put("acknowledgedWrites", acked);
        f.put("loudFailures", loud);
        f.put("bytesAcknowledged", bytes);
        f.put("workloadSeconds", round(seconds));
        f.put("operationsPerSecond", round(ops.size() / seconds));
        putLatency(f, "put", ops, OpKind.PUT);
        putLatency(f, "get", ops, OpKind.GET);
        return f;
    }

    private static void putLatency(Map<String, Object> f, String name, List<Operation> ops, OpKind kind) {
        Histogram h = new Histogram(3);
        ops.stream().filter(o -> o.kind() == kind && o.outcome() != null)
                .forEach(o -> h.recordValue(Math.max(0, o.latencyNanos() / 1_000)));
        if (h.getTotalCount() == 0) {
            return;
        }
        Map<String, Object> latency = new LinkedHashMap<>();
        latency.put("count", h.getTotalCount());
        for (double p : PERCENTILES) {
            latency.put("p" + (p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p)),
                    round(h.getValueAtPercentile(p) / 1000.0));
        }
        latency.put("max", round(h.getMaxValue() / 1000.0));
        latency.put("mean", round(h.getMean() / 1000.0));
        f.put(name + "LatencyMs", latency);
    }

    static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
