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

    /** What every trial ends with: nothing acknowledged lost or torn, health honest. */
    static final List<Checker> DURABILITY = List.of(new AcknowledgedWritesChecker(), new HealthChecker());

    /** A control run's workload: runs on {@code root}, recording into {@code history}; returns the instances it opened. */
    @FunctionalInterface
    interface ControlWorkload {
        List<Instance> run(Path root, History history) throws Exception;
    }

    /**
     * The control run, so a verdict names its cause: the workload alone, on a store of its own,
     * judged by {@code checkers}. A violation there is the workload's ("with no FAULT at all, so
     * CAUSE"), added as a failed check named {@code "without the FAULT"}, and it concludes the
     * scenario: the faulted run would only blur the finding. Returns whether the workload held.
     *
     * @param fault what the scenario adds to the workload, as a noun ("crash", "faults")
     */
    static boolean control(RunContext ctx, String fault, String cause, List<Checker> checkers, ControlWorkload workload) throws Exception {
        String name = "without the " + fault;
        boolean plural = fault.endsWith("s");
        ctx.progress("control run: the same workload " + name);
        History history = new History();
        return onStoreOfItsOwn(ctx, "control", root -> {
            List<Instance> opened = workload.run(root, history);
            opened.forEach(Instance::close);
            CheckResult failure = firstFailure(ctx, root, history, opened.isEmpty() ? null : opened.get(0).capabilities(), name, checkers);
            if (failure == null) {
                ctx.addCheck(CheckResult.pass(name, "the same workload (" + history.workload().size() + " operations) " + name
                        + " held: what follows is the " + fault + (plural ? "' " : "'s ") + "doing"));
                return true;
            }
            ctx.addCheck(CheckResult.fail(name, failure.kind(), "the workload fails with no " + fault + " at all, so " + cause
                    + " (the " + fault + (plural ? " were" : " was") + " not tried): " + failure.summary(), failure.evidence()));
            ctx.concludeWithAddedChecks();
            return false;
        });
    }

    /**
     * The first check of {@code checkers} that fails, or null when the store opened and every
     * invariant held.
     *
     * @param declared the capabilities the writer declared, or null to take the reader's
     */
    static CheckResult firstFailure(RunContext ctx, Path root, History history, Capabilities declared, String checker, List<Checker> checkers) {
        Instance reader;
        try {
            reader = ctx.openDetached(root, history, 1);
        } catch (Instance.OpenFailed e) {
            return CheckResult.fail(checker, FailureKind.CORRUPTION, "the store does not open: " + e.getMessage(), List.of());
        }
        Capabilities caps = declared != null ? declared : reader.capabilities();
        CheckInput input = new CheckInput(history, FinalState.read(history, reader, root), caps);
        for (Checker c : checkers) {
            CheckResult r = c.check(input);
            if (r.verdict() == Verdict.FAIL) {
                return r;
            }
        }
        return null;
    }
}
