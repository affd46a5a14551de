package dev.faultline.check;

import java.util.List;

/** Service-level objectives: a measured figure against its bound. */
public final class Slo {
    private Slo() {
    }

    /** PASS when {@code measured <= bound}, else SLO_MISS naming both. */
    public static CheckResult atMost(String name, double measured, double bound, String unit) {
        String text = String.format("%s: %.1f %s (objective: at most %.1f %s)", name, measured, unit, bound, unit);
        return measured <= bound
                ? CheckResult.pass("slo " + name, text)
                : CheckResult.fail("slo " + name, FailureKind.SLO_MISS, text, List.of());
    }
}
