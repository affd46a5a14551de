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
import dev.faultline.fault.FaultController;
import dev.faultline.fault.FaultFileSystem;
import dev.faultline.fault.FaultFileSystems;
import dev.faultline.spi.Capabilities;

import java.nio.file.Path;
import java.util.List;

/**
 * Stores of their own (one injection point's, one crash state's, a control run's) and their
 * judgement: a fresh instance opens one, reads back what {@code history} wrote, and the checkers
 * every scenario ends with judge it. For scenarios made of trials.
 */
final class Reopened {
    private Reopened() {
    }

    /** Work on a store of its own. */
    @FunctionalInterface
    interface OnRoot<T> {
        T apply(Path root) throws Exception;
    }

    /**
     * Runs {@code body} on a store of its own: a fresh in-memory file system for adapters in the
     * JVM, a fresh directory {@code name} in the run directory for a process to open.
     */
    static <T> T onStoreOfItsOwn(RunContext ctx, String name, OnRoot<T> body) throws Exception {
        if (!ctx.inProcess()) {
            return body.apply(ctx.freshDirectory(name));
        }
        try (FaultFileSystem fs = FaultFileSystems.create(FaultFileSystems.Flavor.JIMFS_UNIX, null, new FaultController(ctx.seed()))) {
            return body.apply(fs.root());
        }
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
