package dev.faultline.check;

import dev.faultline.engine.FinalState;

import java.util.List;

/**
 * Health must not lie: when the fresh instance could not read some keys, the store must say it
 * is degraded (incident 002: a corrupt collection went unnoticed until the service fell over).
 */
public final class HealthChecker implements Checker {
    public static final String NAME = "health";

    @Override
    public CheckResult check(CheckInput input) {
        FinalState state = input.finalState();
        if (!state.opened()) {
            return CheckResult.skipped(NAME, "the store did not open, so it could not report health");
        }
        List<String> unreadable = state.reads().entrySet().stream().filter(e -> e.getValue().isError())
                .map(e -> e.getKey() + ": " + e.getValue().error()).toList();
        if (!unreadable.isEmpty() && state.health().healthy()) {
            return CheckResult.fail(NAME, FailureKind.CORRUPTION,
                    "health says healthy while " + unreadable.size() + " keys are unreadable", unreadable);
        }
        return CheckResult.pass(NAME, "health says " + state.health().status()
                + (unreadable.isEmpty() ? "" : " with " + unreadable.size() + " keys unreadable"));
    }
}
