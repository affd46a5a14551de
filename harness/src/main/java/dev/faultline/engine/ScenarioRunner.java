package dev.faultline.engine;

import dev.faultline.check.CheckInput;
import dev.faultline.check.CheckResult;
import dev.faultline.check.Checker;
import dev.faultline.check.FailureKind;
import dev.faultline.check.Verdict;
import dev.faultline.fault.FaultFileSystems;
import dev.faultline.result.ScenarioResult;
import dev.faultline.result.Timeline;
import dev.faultline.spi.Capabilities;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one scenario against one adapter: the workload in a run directory of its own, then the
 * read-back by a fresh instance, then the checkers, and returns the result with its figures.
 * Adapter failures become verdicts; only bad input escapes, as {@link BadInputException}.
 */
public final class ScenarioRunner {
    private final ProgressListener progress;
    private final long operationTimeoutMillis;
    private final FaultFileSystems.Flavor flavor;

    /**
     * @param operationTimeoutMillis how long one adapter operation may take before it is HUNG
     * @param flavor                 the file system in-process adapters work on
     */
    public ScenarioRunner(ProgressListener progress, long operationTimeoutMillis, FaultFileSystems.Flavor flavor) {
        this.progress = progress;
        this.operationTimeoutMillis = operationTimeoutMillis;
        this.flavor = flavor;
    }

    /**
     * @param runDir a directory made by {@link RunDirectories#create}; the adapter's root is {@code runDir/data}
     */
    public ScenarioResult run(Scenario scenario, AdapterSpec adapter, Map<String, String> overrides, long seed, Path runDir)
            throws IOException {
        Parameters params = Parameters.resolve(scenario.name(), scenario.parameters(), overrides);
        long started = System.nanoTime();
        List<CheckResult> checks = new ArrayList<>();
        Map<String, Object> figures = new LinkedHashMap<>();
        Capabilities caps;
        List<String> faults;
        Timeline timeline;
        try (RunContext ctx = new RunContext(scenario.name(), adapter, params, seed, runDir, progress, operationTimeoutMillis, flavor)) {
            try {
                scenario.run(ctx);
                ctx.closeInstances();
                ctx.healFaults();
                FinalState state = readBack(ctx);
                CheckInput input = new CheckInput(ctx.history(), state, ctx.capabilities());
                for (Checker checker : scenario.checkers(params)) {
                    checks.add(checker.check(input));
                }
                checks.addAll(ctx.addedChecks());
            } catch (ScenarioSkipped e) {
                checks.add(CheckResult.skipped(scenario.name(), e.getMessage()));
            } catch (AdapterFailure e) {
                checks.add(CheckResult.fail("adapter", e.kind(), e.getMessage(), e.evidence()));
            } catch (Instance.OpenFailed e) {
                // On what the workload wrote, a store that no longer opens is corrupt; on nothing, it is unavailable.
                boolean wroteData = RootListing.totalBytes(ctx.root()) > 0;
                checks.add(CheckResult.fail("adapter", wroteData ? FailureKind.CORRUPTION : FailureKind.UNAVAILABLE,
                        (wroteData ? "an instance would not open on what the store had written: " : "the adapter would not open on an empty directory: ")
                                + e.getMessage(), RootListing.describe(ctx.root())));
            } catch (BadInputException e) {
                throw e;
            } catch (Exception e) {
                AdapterFailure cause = adapterFailureIn(e);
                checks.add(cause != null
                        ? CheckResult.fail("adapter", cause.kind(), cause.getMessage(), cause.evidence())
                        : new CheckResult("harness", Verdict.UNKNOWN, null, "the scenario itself failed: " + e, stackOf(e)));
            }
            figures.putAll(Figures.of(ctx.history()));
            figures.putAll(ctx.addedFigures());
            figures.put("dataBytesOnDisk", RootListing.totalBytes(ctx.root()));
            figures.put("faultsInjected", ctx.history().faults().size());
            faults = ctx.history().faults();
            timeline = Timeline.of(ctx.history());
            caps = ctx.capabilities();
        }
        CheckResult decisive = ScenarioResult.combine(checks);
        return new ScenarioResult(scenario.name(), scenario.incidents(), adapter.name(), decisive.verdict(), decisive.kind(),
                decisive.summary(), seed, params.asText(), describe(caps), checks, figures, faults, runDir.toString(),
                (System.nanoTime() - started) / 1_000_000, timeline);
    }

    /** A fresh instance reads every key the workload wrote, and reports health. */
    private FinalState readBack(RunContext ctx) {
        ctx.enterVerifyPhase();
        ctx.progress("reading back what the workload wrote with a fresh instance");
        Instance reader;
        try {
            reader = ctx.open(ctx.nextInstanceNumber());
        } catch (Instance.OpenFailed e) {
            return FinalState.notOpened(e.getMessage(), ctx.root());
        }
        return FinalState.read(ctx.history(), reader, ctx.root());
    }

    private static AdapterFailure adapterFailureIn(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof AdapterFailure f) {
                return f;
            }
        }
        return null;
    }

    private static List<String> stackOf(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString().lines().limit(30).toList();
    }

    static Map<String, Object> describe(Capabilities caps) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (caps != null) {
            m.put("durableAfter", caps.durableAfter().protocolName());
            m.put("multiProcess", caps.multiProcess());
            caps.retainLast().ifPresent(n -> m.put("retainLast", n));
        }
        return m;
    }
}
