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
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs one scenario against one adapter: the workload in a run directory of its own, then the
 * read-back by a fresh instance, then the checkers, and returns the result with its figures.
 * Adapter failures become verdicts; only bad input escapes, as {@link BadInputException}.
 */
public final class ScenarioRunner {
    private final ProgressListener progress;
    private final long operationTimeoutMillis;
    private final FaultFileSystems.Flavor flavor;
    private final Shard shard;
    private final boolean strictTiming;

    /**
     * @param operationTimeoutMillis how long one adapter operation may take before it is HUNG
     * @param flavor                 the file system in-process adapters work on
     * @param strictTiming           a time objective missed on an overloaded machine is SLO_MISS, not UNKNOWN
     * @param shard                  the share of a splitting scenario's trials to run
     */
    public ScenarioRunner(ProgressListener progress, long operationTimeoutMillis, FaultFileSystems.Flavor flavor, boolean strictTiming,
                          Shard shard) {
        this.progress = progress;
        this.shard = shard;
        this.strictTiming = strictTiming;
        this.operationTimeoutMillis = operationTimeoutMillis;
        this.flavor = flavor;
    }

    /**
     * @param runDir    a directory made by {@link RunDirectories#create}; the adapter's root is {@code runDir/data}
     * @param budgetCap at most this long whatever the scenario's {@link Budget#PARAMETER} (a share of the
     *                  run's {@code --max-minutes}), or null
     * @param interrupted hears, should the harness be stopped (SIGTERM, Ctrl-C) mid-scenario, an UNKNOWN
     *                  result with what was seen so far
     */
    public ScenarioResult run(Scenario scenario, AdapterSpec adapter, Map<String, String> overrides, long seed, Path runDir,
                              Duration budgetCap, Consumer<ScenarioResult> interrupted) throws IOException {
        Parameters params = Parameters.resolve(scenario.name(), Budget.parametersOf(scenario), overrides);
        Duration limit = Budget.limit(scenario, overrides, budgetCap);
        Budget budget = Budget.startingNow(limit);
        List<CheckResult> checks = new ArrayList<>();
        Path evidence = runDir.resolve("evidence");
        try (StderrDigest.Capture stderr = adapter.inProcess() ? StderrDigest.captureInJvm(evidence) : StderrDigest.Capture.NONE;
             RunContext ctx = new RunContext(scenario.name(), adapter, params, seed, runDir, progress, operationTimeoutMillis, flavor, budget, strictTiming, shard)) {
            AutoCloseable onInterrupt = () -> interrupted.accept(result(scenario, ctx, seed, runDir, budget, List.of(new CheckResult(
                    "interrupted", Verdict.UNKNOWN, null, String.format("the harness was stopped (SIGTERM or Ctrl-C) %.1f s into the scenario, after %d operations",
                            budget.elapsedSeconds(), ctx.history().operations().size()), List.of()))));
            Cleanup.register(onInterrupt);
            try {
                scenario.run(ctx);
                ctx.closeInstances();
                ctx.healFaults();
                if (ctx.stoppedByBudget()) {
                    checks.add(budgetSpent(ctx, budget));
                } else if (!ctx.concluded()) {
                    FinalState state = readBack(ctx);
                    CheckInput input = new CheckInput(ctx.history(), state, ctx.capabilities());
                    for (Checker checker : scenario.checkers(params)) {
                        checks.add(checker.check(input));
                    }
                }
                checks.addAll(ctx.addedChecks());
            } catch (BadInputException e) {
                throw e;
            } catch (Exception e) {
                checks.add(judge(e, ctx, budget));
                if (ctx.stoppedByBudget()) {
                    checks.addAll(ctx.addedChecks()); // what the scenario concluded before the stop
                }
            } finally {
                Cleanup.unregister(onInterrupt);
            }
            stderr.close(); // the in-JVM capture complete before it is read
            List<String> digest = StderrDigest.digest(StderrDigest.files(evidence));
            if (!digest.isEmpty()) { // evidence beside the verdict, not a judgement of its own
                checks.add(new CheckResult("adapter stderr", Verdict.PASS, null, digest.get(0).replace(":", ""), digest));
            }
            return result(scenario, ctx, seed, runDir, budget, checks);
        }
    }

    /** The check an exception out of a scenario amounts to. */
    private static CheckResult judge(Exception e, RunContext ctx, Budget budget) {
        if (ctx.stoppedByBudget()) {
            return budgetSpent(ctx, budget);
        }
        if (e instanceof ScenarioSkipped) {
            return CheckResult.skipped(ctx.scenarioName(), e.getMessage());
        }
        if (e instanceof AdapterFailure f) {
            return CheckResult.fail("adapter", f.kind(), f.getMessage(), f.evidence());
        }
        if (e instanceof Instance.OpenFailed) {
            // On what the workload wrote, a store that no longer opens is corrupt; on nothing, it is unavailable.
            boolean wroteData = RootListing.totalBytes(ctx.root()) > 0;
            return CheckResult.fail("adapter", wroteData ? FailureKind.CORRUPTION : FailureKind.UNAVAILABLE,
                    (wroteData ? "an instance would not open on what the store had written: " : "the adapter would not open on an empty directory: ")
                            + e.getMessage(), RootListing.describe(ctx.root()));
        }
        AdapterFailure cause = adapterFailureIn(e);
        return cause != null
                ? CheckResult.fail("adapter", cause.kind(), cause.getMessage(), cause.evidence())
                : new CheckResult("harness", Verdict.UNKNOWN, null, "the scenario itself failed: " + e, stackOf(e));
    }

    private static CheckResult budgetSpent(RunContext ctx, Budget budget) {
        return new CheckResult("budget", Verdict.UNKNOWN, null, String.format(
                "the scenario was still running when its budget of %s was spent (parameter %s); stopped after %d operations",
                budget, Budget.PARAMETER, ctx.history().operations().size()), List.of());
    }

    /** The result from the checks made and what the context saw. */
    private static ScenarioResult result(Scenario scenario, RunContext ctx, long seed, Path runDir, Budget budget, List<CheckResult> checks) {
        Map<String, Object> figures = new LinkedHashMap<>(Figures.of(ctx.history()));
        figures.putAll(ctx.addedFigures());
        figures.put("dataBytesOnDisk", RootListing.totalBytes(ctx.root()));
        figures.put("faultsInjected", ctx.history().faults().size());
        figures.put("budgetSeconds", budget.limit().toSeconds());
        figures.put("machine", ctx.machine());
        CheckResult decisive = ScenarioResult.combine(checks);
        return new ScenarioResult(scenario.name(), scenario.incidents(), ctx.adapter().name(), decisive.verdict(), decisive.kind(),
                decisive.summary(), seed, ctx.parameters().asText(), describe(ctx.capabilities()), checks, figures,
                ctx.history().faults(), runDir.toString(), Math.round(budget.elapsedSeconds() * 1000), Timeline.of(ctx.history()));
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
            if (caps.caseInsensitiveKeys()) {
                m.put("caseInsensitiveKeys", true);
            }
            if (caps.maxKeyLength() < Capabilities.PROTOCOL_MAX_KEY_LENGTH) {
                m.put("maxKeyLength", caps.maxKeyLength());
            }
        }
        return m;
    }
}
