package dev.faultline.baseline;

import java.util.List;
import java.util.Map;

/**
 * The stored figures of one scenario on one adapter: repeated samples of each figure, and the
 * machine and JDK they came from (a gate on another machine compares apples with oranges, and
 * says so).
 *
 * @param samples figure name ({@code putLatencyMs.p99}) to one value per run
 */
public record Baseline(int formatVersion, String scenario, String adapter, Map<String, String> host, String createdAt,
                       long seed, Map<String, String> parameters, Map<String, List<Double>> samples) {
    public static final int FORMAT_VERSION = 1;

    /**
     * The figures a gate compares, where a scenario has them: throughput and write latency. Few on
     * purpose: each one more shares out the significance and costs power (read latency on these
     * runs is sub-millisecond and its run-to-run noise near 50% here).
     */
    public static final List<String> GATED_FIGURES = List.of("operationsPerSecond", "putLatencyMs.p50", "putLatencyMs.p99");

    public Baseline {
        host = Map.copyOf(host);
        parameters = Map.copyOf(parameters);
        samples = Map.copyOf(samples);
    }

    /** A baseline of repeated runs of one scenario, made on this machine now. */
    public static Baseline of(String scenario, String adapter, List<dev.faultline.result.ScenarioResult> runs) {
        return new Baseline(FORMAT_VERSION, scenario, adapter, dev.faultline.result.RunResult.thisHost(), java.time.Instant.now().toString(),
                runs.get(0).seed(), runs.get(0).parameters(), samplesOf(runs));
    }

    /** The gated figures of repeated runs, one sample per run, in run order (figures a run lacks are left out). */
    public static Map<String, List<Double>> samplesOf(List<dev.faultline.result.ScenarioResult> runs) {
        Map<String, List<Double>> samples = new java.util.LinkedHashMap<>();
        for (String name : GATED_FIGURES) {
            List<Double> values = new java.util.ArrayList<>();
            for (var run : runs) {
                Double v = figure(run.figures(), name);
                if (v != null) {
                    values.add(v);
                }
            }
            if (!values.isEmpty()) {
                samples.put(name, List.copyOf(values));
            }
        }
        return samples;
    }

    /** A numeric figure by path ({@code putLatencyMs.p99}) in a result's figures, or null. */
    public static Double figure(Map<String, Object> figures, String path) {
        Object value = figures;
        for (String part : path.split("\\.")) {
            if (!(value instanceof Map<?, ?> map)) {
                return null;
            }
            value = map.get(part);
        }
        return value instanceof Number n ? n.doubleValue() : null;
    }
}
