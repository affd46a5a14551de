package dev.faultline.baseline;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gate on synthetic data with known noise: each run's p99 is the true value times log-normal
 * noise of 10% (what repeated runs of a scenario show on a 2-core machine). A/A trials measure
 * false alarms, A/B trials with a true 15% slowdown measure power; incident 004's band rule is
 * measured on the same trials for comparison.
 */
class GateQualityTest {
    private static final double NOISE = 0.10;
    private static final double SLOWDOWN = 0.15;
    private static final int TRIALS = 2000;

    record Quality(double power, double falseAlarms) {
    }

    static Quality measure(Gate.Settings settings, int runs, double noise, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Gate gate = new Gate(settings.withResamples(0)); // the interval informs the report; it does not decide
        int caught = 0;
        int alarms = 0;
        for (int t = 0; t < TRIALS; t++) {
            double[] baseline = samples(random, runs, 100, noise);
            if (gate.compare("s", "a", "putLatencyMs.p99", baseline, samples(random, runs, 100 * (1 + SLOWDOWN), noise)).regression()) {
                caught++;
            }
            if (gate.compare("s", "a", "putLatencyMs.p99", baseline, samples(random, runs, 100, noise)).regression()) {
                alarms++;
            }
        }
        return new Quality(caught / (double) TRIALS, alarms / (double) TRIALS);
    }

    private static double[] samples(SplittableRandom random, int n, double value, double noise) {
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = value * Math.exp(noise * gaussian(random));
        }
        return s;
    }

    private static double gaussian(SplittableRandom random) {
        return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    @Test
    void rankGateCatchesAFifteenPercentSlowdownAndRarelyCriesWolf() {
        System.out.println("runs  rank power  rank false alarms  band power  band false alarms  (noise 10%, slowdown 15%, " + TRIALS + " trials)");
        Quality chosen = null;
        for (int runs : new int[] {5, 10, 15, 20, 25}) {
            Quality rank = measure(Gate.Settings.DEFAULT, runs, NOISE, 42);
            Quality band = measure(Gate.Settings.DEFAULT.withMode(Gate.Mode.BAND), runs, NOISE, 42);
            System.out.printf("%4d  %10.3f  %17.3f  %10.3f  %17.3f%n", runs, rank.power(), rank.falseAlarms(), band.power(), band.falseAlarms());
            if (runs == 20) {
                chosen = rank;
                assertThat(band.power()).as("the band rule misses most 15%% slowdowns").isLessThan(0.6);
                assertThat(band.falseAlarms()).as("and raises false alarms").isGreaterThan(0.05);
            }
        }
        assertThat(chosen.power()).as("power at 20 runs a side").isGreaterThanOrEqualTo(0.95);
        assertThat(chosen.falseAlarms()).as("false alarms at 20 runs a side").isLessThanOrEqualTo(0.01);
    }

    @Test
    void aChangeInsideTheNoiseFloorIsNotARegression() {
        // about 22% run-to-run noise: a 10% change is within it, so the minimum effect rises to 11%
        double[] baseline = {70, 100, 130, 85, 115, 100, 90, 110, 75, 125, 95, 105, 80, 120, 100};
        double[] current = java.util.Arrays.stream(baseline).map(v -> v * 1.10).toArray();
        Comparison c = new Gate(Gate.Settings.DEFAULT).compare("s", "a", "putLatencyMs.p99", baseline, current);
        assertThat(c.minEffect()).isGreaterThan(0.10);
        assertThat(c.regression()).isFalse();
        assertThat(c.explanation()).contains("not significant");
    }

    @Test
    void throughputIsWorseWhenItFalls() {
        double[] baseline = {1000, 1010, 990, 1005, 995, 1000, 1002, 998, 1001, 999};
        double[] current = java.util.Arrays.stream(baseline).map(v -> v * 0.8).toArray();
        Comparison c = new Gate(Gate.Settings.DEFAULT).compare("s", "a", "operationsPerSecond", baseline, current);
        assertThat(c.worseBy()).isCloseTo(0.2, org.assertj.core.data.Offset.offset(0.001));
        assertThat(c.regression()).isTrue();
        assertThat(c.low()).isLessThanOrEqualTo(c.worseBy());
        assertThat(c.high()).isGreaterThanOrEqualTo(c.worseBy());
    }
}
