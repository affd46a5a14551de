package dev.faultline.baseline;

import dev.faultline.check.Verdict;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.MannWhitneyUTest;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The release gate's judgement of one figure: is the current build worse than the baseline, by
 * more than noise? In {@link Mode#RANK} (the default) a one-sided Mann-Whitney U test on repeated
 * samples must be significant at {@code alpha} and the median must be worse by at least the
 * minimum effect, which is never below half the baseline's own run-to-run noise (1.4826 x MAD over
 * the median). A seeded bootstrap gives the 95% interval of the change, for the report.
 * {@link Mode#BAND} is incident 004's rule, kept for comparison: the first current sample against
 * the first baseline sample, a regression beyond 20%.
 */
public final class Gate {
    public enum Mode { RANK, BAND }

    /** Whether a larger value of a figure is better (throughput) or worse (latency). */
    public enum Direction {
        HIGHER_IS_BETTER, LOWER_IS_BETTER;

        /** The direction of a result figure by its name: latencies and durations are better low. */
        public static Direction of(String figure) {
            String f = figure.toLowerCase(Locale.ROOT);
            return f.contains("latency") || f.endsWith("ms") || f.contains("seconds") || f.contains("bytes")
                    ? LOWER_IS_BETTER : HIGHER_IS_BETTER;
        }
    }

    /**
     * @param alpha         significance of the rank test (one-sided)
     * @param minEffect     the smallest relative change worth failing a release for
     * @param bandTolerance the band rule's tolerance (incident 004: 20%)
     * @param seed          for the bootstrap
     * @param resamples     bootstrap resamples for the interval (0: none; it informs, it does not decide)
     */
    public record Settings(Mode mode, double alpha, double minEffect, double bandTolerance, long seed, int resamples) {
        public static final Settings DEFAULT = new Settings(Mode.RANK, 0.01, 0.05, 0.20, 1, 2000);

        public Settings withMode(Mode m) {
            return new Settings(m, alpha, minEffect, bandTolerance, seed, resamples);
        }

        public Settings withResamples(int n) {
            return new Settings(mode, alpha, minEffect, bandTolerance, seed, n);
        }
    }

    private final Settings settings;

    public Gate(Settings settings) {
        this.settings = settings;
    }

    /**
     * Every figure the baseline and the current samples share. The significance is shared out
     * among them (Bonferroni), so the gate as a whole keeps its false-alarm rate.
     */
    public java.util.List<Comparison> compare(Baseline baseline, java.util.Map<String, java.util.List<Double>> current) {
        java.util.List<String> shared = baseline.samples().keySet().stream().filter(current::containsKey).toList();
        double alpha = settings.alpha() / Math.max(1, shared.size());
        java.util.List<Comparison> all = new java.util.ArrayList<>();
        for (String figure : shared) {
            all.add(compare(baseline.scenario(), baseline.adapter(), figure, toArray(baseline.samples().get(figure)),
                    toArray(current.get(figure)), alpha));
        }
        return all;
    }

    private static double[] toArray(java.util.List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    public Comparison compare(String scenario, String adapter, String figure, double[] baseline, double[] current) {
        return compare(scenario, adapter, figure, baseline, current, settings.alpha());
    }

    private Comparison compare(String scenario, String adapter, String figure, double[] baseline, double[] current, double alpha) {
        if (baseline.length == 0 || current.length == 0) {
            return new Comparison(scenario, adapter, figure, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, baseline.length, current.length, Verdict.SKIPPED, "no samples to compare");
        }
        Direction direction = Direction.of(figure);
        double base = median(baseline);
        double now = median(current);
        double worseBy = worseBy(direction, base, now);
        double[] interval = bootstrap(direction, baseline, current);
        if (settings.mode() == Mode.BAND) {
            double single = worseBy(direction, baseline[0], current[0]);
            boolean fail = single > settings.bandTolerance();
            return new Comparison(scenario, adapter, figure, baseline[0], current[0], single, interval[0], interval[1], Double.NaN,
                    settings.bandTolerance(), 1, 1, fail ? Verdict.FAIL : Verdict.PASS,
                    String.format(Locale.ROOT, "band rule: one run %s by %.1f%% against one baseline run (tolerance %.0f%%)",
                            single >= 0 ? "worse" : "better", Math.abs(single) * 100, settings.bandTolerance() * 100));
        }
        double noise = relativeNoise(baseline);
        double minEffect = Math.max(settings.minEffect(), noise / 2);
        double p = rankTestPValue(direction, baseline, current);
        boolean significant = p < alpha;
        boolean large = worseBy > minEffect;
        Verdict verdict = significant && large ? Verdict.FAIL : Verdict.PASS;
        String why;
        if (verdict == Verdict.FAIL) {
            why = String.format(Locale.ROOT, "worse by %.1f%% (95%% interval %.1f%% to %.1f%%), rank test p = %.4f < %.4f, above the minimum effect %.1f%%",
                    worseBy * 100, interval[0] * 100, interval[1] * 100, p, alpha, minEffect * 100);
        } else if (!significant) {
            why = String.format(Locale.ROOT, "%s, not significant (rank test p = %.4f, needs < %.4f)",
                    worseBy == 0 ? "unchanged" : String.format(Locale.ROOT, "%s by %.1f%%", worseBy > 0 ? "worse" : "better",
                            Math.abs(worseBy) * 100), p, alpha);
        } else {
            why = String.format(Locale.ROOT, "worse by %.1f%%, significant (p = %.4f) but below the minimum effect %.1f%% (noise floor %.1f%%)",
                    worseBy * 100, p, minEffect * 100, noise * 100);
        }
        return new Comparison(scenario, adapter, figure, base, now, worseBy, interval[0], interval[1], p, minEffect,
                baseline.length, current.length, verdict, why);
    }

    /** Positive when {@code now} is worse than {@code base}, relative to {@code base}. */
    static double worseBy(Direction direction, double base, double now) {
        if (base == 0) {
            return now == 0 ? 0 : (direction == Direction.LOWER_IS_BETTER ? 1 : -1) * Math.signum(now);
        }
        double change = (now - base) / Math.abs(base);
        return direction == Direction.LOWER_IS_BETTER ? change : -change;
    }

    /** One-sided: the probability of a difference at least this much in the worse direction by chance. */
    private static double rankTestPValue(Direction direction, double[] baseline, double[] current) {
        // "current greater than baseline" is worse for a latency, better for a throughput
        AlternativeHypothesis worse = direction == Direction.LOWER_IS_BETTER
                ? AlternativeHypothesis.GREATER_THAN : AlternativeHypothesis.LESS_THAN;
        return MannWhitneyUTest.withDefaults().with(worse).test(current, baseline).getPValue();
    }

    /** Run-to-run noise of the baseline: 1.4826 x MAD over the median (a robust coefficient of variation). */
    static double relativeNoise(double[] samples) {
        double m = median(samples);
        if (samples.length < 3 || m == 0) {
            return 0;
        }
        double[] deviations = Arrays.stream(samples).map(x -> Math.abs(x - m)).toArray();
        return 1.4826 * median(deviations) / Math.abs(m);
    }

    private double[] bootstrap(Direction direction, double[] baseline, double[] current) {
        int resamples = settings.resamples();
        if (resamples == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        SplittableRandom random = new SplittableRandom(settings.seed());
        double[] changes = new double[resamples];
        double[] b = new double[baseline.length];
        double[] c = new double[current.length];
        for (int i = 0; i < resamples; i++) {
            for (int j = 0; j < b.length; j++) {
                b[j] = baseline[random.nextInt(baseline.length)];
            }
            for (int j = 0; j < c.length; j++) {
                c[j] = current[random.nextInt(current.length)];
            }
            changes[i] = worseBy(direction, median(b), median(c));
        }
        Arrays.sort(changes);
        return new double[] {changes[(int) (resamples * 0.025)], changes[Math.max(0, (int) (resamples * 0.975) - 1)]};
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
