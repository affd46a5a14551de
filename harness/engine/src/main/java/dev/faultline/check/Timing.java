package dev.faultline.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Time objectives that hold on a busy machine: judged on the median of repeated measurements,
 * with the spread shown, and a miss while the machine was measurably busy with other work is
 * UNKNOWN with that reason rather than FAIL (unless timing is strict), since a gate that fails on
 * the machine's mood is soon ignored. A miss on an idle machine is SLO_MISS as before.
 */
public final class Timing {
    private Timing() {
    }

    /**
     * @param measured   one or more measurements of the same thing
     * @param overloaded why the machine was overloaded while they were taken, or empty
     * @param strict     {@code --strict-timing}: a miss is SLO_MISS whatever the machine was doing
     */
    public static CheckResult objective(String name, List<Double> measured, double bound, String unit, Optional<String> overloaded,
                                        boolean strict) {
        double median = median(measured);
        String spread = measured.size() > 1
                ? String.format(" (median of %d, from %.1f to %.1f)", measured.size(), min(measured), max(measured)) : "";
        String text = String.format("%s: %.1f %s%s (objective: at most %.1f %s)", name, median, unit, spread, bound, unit);
        if (median <= bound) {
            return CheckResult.pass("slo " + name, text);
        }
        if (overloaded.isPresent() && !strict) {
            return new CheckResult("slo " + name, Verdict.UNKNOWN, null,
                    text + "; missed while the machine was overloaded: " + overloaded.get() + " (--strict-timing makes it a FAIL)", List.of());
        }
        return CheckResult.fail("slo " + name, FailureKind.SLO_MISS, text + overloaded.map(o -> "; the machine: " + o).orElse(""), List.of());
    }

    public static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** A value to a tenth, for figures. */
    public static double tenths(double value) {
        return Math.round(value * 10) / 10.0;
    }

    /** The values to a tenth, for figures. */
    public static List<Double> rounded(List<Double> values) {
        return values.stream().map(Timing::tenths).toList();
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}
