package dev.faultline.scenarios;

import dev.faultline.check.AcknowledgedWritesChecker;
import dev.faultline.check.CheckInput;
import dev.faultline.check.CheckResult;
import dev.faultline.check.Checker;
import dev.faultline.check.FailureKind;
import dev.faultline.check.HealthChecker;
import dev.faultline.check.Verdict;
import dev.faultline.engine.FinalState;
import dev.faultline.engine.History;
import dev.faultline.engine.Instance;
import dev.faultline.engine.RunContext;
import dev.faultline.spi.Capabilities;

import java.nio.file.Path;
import java.util.List;

/**
 * The judgement of a store of its own (one injection point's, one crash state's): a fresh
 * instance opens it, reads back what {@code history} wrote, and the checkers every scenario ends
 * with judge it. For scenarios made of many small trials.
 */
final class Reopened {
    private Reopened() {
    }

    /**
     * The first check that fails, or null when the store opened and every invariant held.
     *
     * @param declared the capabilities the writer declared, or null to take the reader's
     */
    static CheckResult firstFailure(RunContext ctx, Path root, History history, Capabilities declared, String checker) {
        Instance reader;
        try {
            reader = ctx.openDetached(root, history, 1);
        } catch (Instance.OpenFailed e) {
            return CheckResult.fail(checker, FailureKind.CORRUPTION, "the store does not open: " + e.getMessage(), List.of());
        }
        Capabilities caps = declared != null ? declared : reader.capabilities();
        CheckInput input = new CheckInput(history, FinalState.read(history, reader, root), caps);
        for (Checker c : List.of(new AcknowledgedWritesChecker(), new HealthChecker())) {
            CheckResult r = c.check(input);
            if (r.verdict() == Verdict.FAIL) {
                return r;
            }
        }
        return null;
    }
}
