package dev.faultline.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A scenario's time budget (incident 000's store took hours to fail sample-growth; a nightly job
 * would have timed out with no verdict). The workload stops issuing operations once
 * {@link #WORKLOAD_SHARE} of the budget is spent, leaving the rest for the read-back and the
 * checks; a scenario still running when the whole budget is spent is stopped by the runner and
 * judged UNKNOWN on what was seen.
 */
public final class Budget {
    /** The parameter every scenario takes. */
    public static final String PARAMETER = "maxSeconds";
    /** The workload's share of the budget: the read-back by a fresh instance and the checks get the rest. */
    static final double WORKLOAD_SHARE = 0.75;

    private final long startNanos;
    private final long limitNanos;

    private Budget(long startNanos, Duration limit) {
        this.startNanos = startNanos;
        this.limitNanos = limit.toNanos();
    }

    /** A budget that starts now. */
    public static Budget startingNow(Duration limit) {
        return new Budget(System.nanoTime(), limit);
    }

    /** The budget's parameter, with the scenario's default. */
    public static ParameterSpec parameter(Duration defaultLimit) {
        return ParameterSpec.integer(PARAMETER, defaultLimit.toSeconds(), 1, 7 * 24 * 3600,
                "time budget in seconds: the workload stops at 3/4 of it and the scenario gets a verdict from what it has");
    }

    /** A scenario's budget at these parameters, at most {@code cap} (null: no cap). */
    public static Duration limit(Scenario scenario, Map<String, String> overrides, Duration cap) {
        Duration limit = Duration.ofSeconds(Parameters.resolve(scenario.name(), parametersOf(scenario), overrides).longValue(PARAMETER));
        return cap != null && cap.compareTo(limit) < 0 ? cap : limit;
    }

    /** A scenario's parameters: its own, then the time budget every scenario takes. */
    public static List<ParameterSpec> parametersOf(Scenario scenario) {
        List<ParameterSpec> all = new ArrayList<>(scenario.parameters());
        all.add(parameter(scenario.defaultBudget()));
        return List.copyOf(all);
    }

    /**
     * A scenario's share of what is left of a run's own budget ({@code --max-minutes}): its budget
     * over the budgets of the scenarios still to run (its own included), never more than its own.
     */
    public static Duration shareOfWhatIsLeft(long ownSeconds, long remainingScenariosSeconds, long leftNanos) {
        long share = (long) (Math.max(0, leftNanos) * ((double) ownSeconds / remainingScenariosSeconds));
        return Duration.ofNanos(Math.min(share, Duration.ofSeconds(ownSeconds).toNanos()));
    }

    public Duration limit() {
        return Duration.ofNanos(limitNanos);
    }

    public double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Whether the workload's share is spent: no new operation should start. */
    public boolean workloadOver() {
        return spent(WORKLOAD_SHARE);
    }

    /** Whether this share of the budget (0 to 1) is spent: for a phase that must leave time to the next (populating). */
    public boolean spent(double share) {
        return System.nanoTime() - startNanos > (long) (limitNanos * share);
    }

    /** The workload's share left, in nanoseconds (zero or less once spent). */
    public long workloadRemainingNanos() {
        return (long) (limitNanos * WORKLOAD_SHARE) - (System.nanoTime() - startNanos);
    }

    /** Whether the whole budget is spent. */
    public boolean over() {
        return System.nanoTime() - startNanos > limitNanos;
    }

    @Override
    public String toString() {
        return limit().toSeconds() + " s";
    }
}
