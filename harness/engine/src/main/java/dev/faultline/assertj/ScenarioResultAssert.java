package dev.faultline.assertj;

import dev.faultline.check.CheckResult;
import dev.faultline.check.FailureKind;
import dev.faultline.check.Verdict;
import dev.faultline.result.ScenarioResult;
import org.assertj.core.api.AbstractAssert;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * AssertJ assertions on a scenario result; failures print the verdict, the checks and evidence.
 * <pre>{@code assertThat(result).passed(); assertThat(result).failedWith(FailureKind.SILENT_LOSS);}</pre>
 */
public final class ScenarioResultAssert extends AbstractAssert<ScenarioResultAssert, ScenarioResult> {

    ScenarioResultAssert(ScenarioResult actual) {
        super(actual, ScenarioResultAssert.class);
    }

    public static ScenarioResultAssert assertThat(ScenarioResult actual) {
        return new ScenarioResultAssert(actual);
    }

    public ScenarioResultAssert hasVerdict(Verdict verdict) {
        isNotNull();
        if (actual.verdict() != verdict) {
            failWithMessage("expected %s to be %s but was %s%n%s", name(), verdict, actual.verdict(), details());
        }
        return this;
    }

    public ScenarioResultAssert passed() {
        return hasVerdict(Verdict.PASS);
    }

    /** FAIL, with the decisive kind one of those given. */
    public ScenarioResultAssert failedWith(FailureKind... kinds) {
        hasVerdict(Verdict.FAIL);
        if (!Arrays.asList(kinds).contains(actual.kind())) {
            failWithMessage("expected %s to fail with %s but it failed with %s%n%s", name(), Arrays.toString(kinds), actual.kind(), details());
        }
        return this;
    }

    /** No check found an acknowledged write missing. */
    public ScenarioResultAssert hasNoSilentLoss() {
        isNotNull();
        if (actual.checks().stream().anyMatch(c -> c.kind() == FailureKind.SILENT_LOSS)) {
            failWithMessage("expected %s to lose nothing acknowledged%n%s", name(), details());
        }
        return this;
    }

    /** Some check, not necessarily the decisive one, failed with this kind. */
    public ScenarioResultAssert hasCheckFailedWith(FailureKind kind) {
        isNotNull();
        if (actual.checks().stream().noneMatch(c -> c.kind() == kind)) {
            failWithMessage("expected a check of %s to fail with %s%n%s", name(), kind, details());
        }
        return this;
    }

    private String name() {
        return actual.scenario() + " on " + actual.adapter() + " (seed " + actual.seed() + ")";
    }

    private String details() {
        return actual.checks().stream().map(ScenarioResultAssert::describe).collect(Collectors.joining("\n"));
    }

    private static String describe(CheckResult c) {
        String head = "  " + c.checker() + ": " + c.verdict() + (c.kind() != null ? " " + c.kind() : "") + " - " + c.summary();
        return c.evidence().isEmpty() ? head
                : head + "\n" + c.evidence().stream().limit(10).map(e -> "      " + e).collect(Collectors.joining("\n"));
    }
}
