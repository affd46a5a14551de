package dev.faultline.result;

import dev.faultline.check.CheckResult;
import dev.faultline.check.FailureKind;
import dev.faultline.check.Verdict;

import java.util.List;
import java.util.Map;

/**
 * One scenario run against one adapter, as written into {@code result.json}.
 *
 * @param reason       one line: the failing check's summary, the skip reason, or what passed
 * @param capabilities what the adapter declared (empty when it never opened)
 * @param faults       every fault injected, in order, with the operation it hit
 * @param runDirectory where the run's data and evidence were kept, or null once deleted
 * @param timeline     operations, errors and latency over time, faults marked (null in older results)
 */
public record ScenarioResult(String scenario, List<String> incidents, String adapter, Verdict verdict,
                             FailureKind kind, String reason, long seed, Map<String, String> parameters,
                             Map<String, Object> capabilities, List<CheckResult> checks,
                             Map<String, Object> figures, List<String> faults, String runDirectory, long durationMillis,
                             Timeline timeline) {

    public ScenarioResult {
        incidents = List.copyOf(incidents);
        parameters = Map.copyOf(parameters);
        checks = List.copyOf(checks);
        faults = List.copyOf(faults);
    }

    public ScenarioResult withRunDirectory(String dir) {
        return new ScenarioResult(scenario, incidents, adapter, verdict, kind, reason, seed, parameters,
                capabilities, checks, figures, faults, dir, durationMillis, timeline);
    }

    /** The same result with one more check after its own; verdict, kind and reason stay. */
    public ScenarioResult withCheck(CheckResult check) {
        List<CheckResult> more = new java.util.ArrayList<>(checks);
        more.add(check);
        return new ScenarioResult(scenario, incidents, adapter, verdict, kind, reason, seed, parameters,
                capabilities, more, figures, faults, runDirectory, durationMillis, timeline);
    }

    /** The same result with its duration as the caller measured it (setting up and tearing down included). */
    public ScenarioResult withDurationMillis(long millis) {
        return new ScenarioResult(scenario, incidents, adapter, verdict, kind, reason, seed, parameters,
                capabilities, checks, figures, faults, runDirectory, millis, timeline);
    }

    /** The combined verdict of several checks: any FAIL (the most severe kind wins), else any UNKNOWN, else PASS unless all were SKIPPED. */
    public static CheckResult combine(List<CheckResult> checks) {
        CheckResult worstFail = checks.stream().filter(c -> c.verdict() == Verdict.FAIL)
                .min((a, b) -> a.kind().compareTo(b.kind())).orElse(null);
        if (worstFail != null) {
            return worstFail;
        }
        CheckResult unknown = checks.stream().filter(c -> c.verdict() == Verdict.UNKNOWN).findFirst().orElse(null);
        if (unknown != null) {
            return unknown;
        }
        if (!checks.isEmpty() && checks.stream().allMatch(c -> c.verdict() == Verdict.SKIPPED)) {
            return checks.get(0);
        }
        return CheckResult.pass("all", checks.size() + " checks passed");
    }
}
