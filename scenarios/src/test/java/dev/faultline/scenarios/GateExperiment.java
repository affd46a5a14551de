package dev.faultline.scenarios;

import dev.faultline.baseline.Baseline;
import dev.faultline.baseline.Comparison;
import dev.faultline.baseline.Gate;
import dev.faultline.engine.AdapterSpec;
import dev.faultline.engine.Catalog;
import dev.faultline.result.RunResult;
import dev.faultline.result.ScenarioResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The gate on this machine: sustained-load against the reference store with one writer, A (as
 * is) and B (every put 15% slower, adapter setting slowdownPercent=15), run interleaved A B A B ... so drift hits
 * both alike. Gate trials are then drawn from these pools: a baseline of N A runs against N other
 * A runs (false alarm if the gate fails) or N B runs (caught if it fails), for the rank gate and
 * incident 004's band rule. Not part of the build (minutes of runs):
 *
 * <pre>./mvnw -pl scenarios test -Dtest=GateExperiment -Dfaultline.experiment=POOL -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * with POOL the runs per side (default 60); figures go to target/gate-experiment.txt.
 */
@EnabledIfSystemProperty(named = "faultline.experiment", matches = "\\d+")
class GateExperiment {
    private static final int TRIALS = 2000;
    /** One writer, so the store's own time is the measured time and 15% slower is 15% slower. */
    private static final String[] PARAMS = {"seconds=2", "writers=1", "readShare=0"};

    @Test
    void aaAndAbOnThisMachine() throws Exception {
        int pool = Integer.parseInt(System.getProperty("faultline.experiment"));
        AdapterSpec a = Catalog.builtIn("reference", Map.of());
        AdapterSpec b = Catalog.builtIn("reference", Map.of("slowdownPercent", "15"));
        List<ScenarioResult> aRuns = new ArrayList<>();
        List<ScenarioResult> bRuns = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < pool; i++) {
            aRuns.add(ScenarioSuite.run("sustained-load", a, 1000 + i, PARAMS));
            bRuns.add(ScenarioSuite.run("sustained-load", b, 1000 + i, PARAMS));
        }
        double minutes = (System.nanoTime() - started) / 60e9;
        StringBuilder out = new StringBuilder();
        out.append(String.format("sustained-load (%s) on reference, %d interleaved runs a side in %.1f min, %s%n", String.join(" ", PARAMS), pool,
                minutes, RunResult.thisHost()));
        Map<String, List<Double>> aSamples = Baseline.samplesOf(aRuns);
        Map<String, List<Double>> bSamples = Baseline.samplesOf(bRuns);
        for (String figure : aSamples.keySet()) {
            double[] av = aSamples.get(figure).stream().mapToDouble(Double::doubleValue).toArray();
            double[] bv = bSamples.get(figure).stream().mapToDouble(Double::doubleValue).toArray();
            out.append(String.format("  %-20s A median %10.3f  B median %10.3f  (%+.1f%%)  A noise (1.4826 MAD/median) %.1f%%%n", figure,
                    median(av), median(bv), (median(bv) / median(av) - 1) * 100, noise(av) * 100));
        }
        out.append("runs a side   rank power  rank false alarms   band power  band false alarms   (" + TRIALS + " trials drawn from the pools)\n");
        for (int n : new int[] {5, 10, 15, 20, 25, 30}) {
            if (2 * n > pool) {
                continue;
            }
            double[] rank = trials(aSamples, bSamples, n, Gate.Settings.DEFAULT.withResamples(0));
            double[] band = trials(aSamples, bSamples, n, Gate.Settings.DEFAULT.withResamples(0).withMode(Gate.Mode.BAND));
            out.append(String.format("%11d   %10.3f  %17.3f   %10.3f  %17.3f%n", n, rank[0], rank[1], band[0], band[1]));
        }
        System.out.print(out);
        Files.writeString(Path.of("target", "gate-experiment.txt"), out, StandardCharsets.UTF_8);
    }

    /** {power, false alarms}: the gate (any figure a regression) over random draws from the pools. */
    private static double[] trials(Map<String, List<Double>> a, Map<String, List<Double>> b, int n, Gate.Settings settings) {
        Random random = new Random(42);
        Gate gate = new Gate(settings);
        int size = a.values().iterator().next().size();
        int caught = 0;
        int alarms = 0;
        for (int t = 0; t < TRIALS; t++) {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                order.add(i);
            }
            Collections.shuffle(order, random);
            List<Integer> base = order.subList(0, n);
            List<Integer> other = order.subList(n, 2 * n);
            Baseline baseline = new Baseline(1, "sustained-load", "reference", Map.of(), "", 0, Map.of(), pick(a, base));
            if (gate.compare(baseline, pick(b, other)).stream().anyMatch(Comparison::regression)) {
                caught++;
            }
            if (gate.compare(baseline, pick(a, other)).stream().anyMatch(Comparison::regression)) {
                alarms++;
            }
        }
        return new double[] {caught / (double) TRIALS, alarms / (double) TRIALS};
    }

    private static Map<String, List<Double>> pick(Map<String, List<Double>> samples, List<Integer> runs) {
        Map<String, List<Double>> picked = new java.util.LinkedHashMap<>();
        samples.forEach((figure, values) -> picked.put(figure, runs.stream().map(values::get).toList()));
        return picked;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double noise(double[] v) {
        double m = median(v);
        return 1.4826 * median(java.util.Arrays.stream(v).map(x -> Math.abs(x - m)).toArray()) / m;
    }
}
