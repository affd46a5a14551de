package dev.faultline.cli;

import dev.faultline.baseline.Baseline;
import dev.faultline.baseline.BaselineStore;
import dev.faultline.baseline.Comparison;
import dev.faultline.baseline.Gate;
import dev.faultline.engine.BadInputException;
import dev.faultline.engine.Scenario;
import dev.faultline.report.Leg;
import dev.faultline.report.Reports;
import dev.faultline.result.AtomicFiles;
import dev.faultline.result.ResultJson;
import dev.faultline.result.RunResult;
import dev.faultline.result.ScenarioResult;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code faultline compare}: the release gate. Runs each scenario {@code --repeat} times and
 * compares its figures with the stored baseline (rank test and minimum effect, or incident 004's
 * band rule with {@code --mode band}); explains each figure; fails on a real regression.
 */
@Command(name = "compare", description = "Run scenarios repeatedly and compare their figures with the stored baselines (the release gate).",
        footer = {"", "Exit status: 0 no regression; 1 a regression or a run that did not pass; 2 bad input (a missing or unreadable baseline)."})
final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ScenarioOptions options;

    @Option(names = "--repeat", defaultValue = "20", description = "runs per scenario (default: ${DEFAULT-VALUE})")
    int repeat;

    @Option(names = "--baseline-dir", defaultValue = "reports/baselines", description = "where baselines are kept (default: ${DEFAULT-VALUE})")
    Path baselineDir;

    @Option(names = "--mode", defaultValue = "rank", description = "rank (rank test + minimum effect) or band (incident 004's 20%% band on one run) (default: ${DEFAULT-VALUE})")
    String mode;

    @Option(names = "--alpha", defaultValue = "0.01", description = "the rank test's significance (default: ${DEFAULT-VALUE})")
    double alpha;

    @Option(names = "--min-effect", defaultValue = "0.05", description = "the smallest relative change that fails the gate, raised to half the measured noise (default: ${DEFAULT-VALUE})")
    double minEffect;

    @Option(names = "--report-dir", defaultValue = "reports/gate", description = "where result.json, comparison.json and the reports go (default: ${DEFAULT-VALUE})")
    Path reportDir;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Gate.Mode gateMode = switch (mode.toLowerCase(Locale.ROOT)) {
            case "rank" -> Gate.Mode.RANK;
            case "band" -> Gate.Mode.BAND;
            default -> throw new BadInputException("--mode must be rank or band, not '" + mode + "'");
        };
        if (repeat < 3 && gateMode == Gate.Mode.RANK) {
            throw new BadInputException("--repeat must be at least 3 for the rank test, not " + repeat);
        }
        if (!(alpha > 0 && alpha < 1) || minEffect < 0) {
            throw new BadInputException("--alpha must be between 0 and 1 and --min-effect not negative");
        }
        ScenarioOptions.Plan plan = options.plan(err);
        BaselineStore store = new BaselineStore(baselineDir);
        // Every baseline is read before the first run: a missing or bad one is bad input, not an hour later.
        List<Baseline> baselines = new ArrayList<>();
        for (Scenario s : plan.scenarios()) {
            baselines.add(store.read(plan.adapter().name(), s.name()).orElseThrow(() -> new BadInputException("no baseline for "
                    + s.name() + " on " + plan.adapter().name() + ": " + store.file(plan.adapter().name(), s.name())
                    + " (record one with: faultline baseline update)")));
        }
        Gate gate = new Gate(new Gate.Settings(gateMode, alpha, minEffect, Gate.Settings.DEFAULT.bandTolerance(), plan.seed(),
                Gate.Settings.DEFAULT.resamples()));
        String started = Instant.now().toString();
        List<ScenarioResult> results = new ArrayList<>();
        List<Comparison> comparisons = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < plan.scenarios().size(); i++) {
            Scenario scenario = plan.scenarios().get(i);
            Baseline baseline = baselines.get(i);
            if (!baseline.host().equals(RunResult.thisHost())) {
                err.println("faultline: the baseline of " + scenario.name() + " was recorded on " + baseline.host()
                        + "; this machine is " + RunResult.thisHost() + ": figures may differ for that reason alone");
            }
            List<ScenarioResult> runs = BaselineCommand.Repeats.run(plan, scenario, repeat, err, t0);
            results.addAll(runs);
            comparisons.addAll(gate.compare(baseline, Baseline.samplesOf(runs)));
        }
        RunResult run = new RunResult(RunResult.FORMAT_VERSION, Main.version(), "gate-" + plan.seed(), started, Instant.now().toString(),
                plan.seed(), RunResult.thisHost(), RunResult.overall(results), results);
        ResultJson.write(run, reportDir);
        AtomicFiles.write(reportDir.resolve("comparison.json"), new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsBytes(Map.of("mode", gateMode.name().toLowerCase(Locale.ROOT), "comparisons", comparisons)));
        Reports.write(reportDir, List.of(Leg.of(run)), comparisons);
        out.print(table(comparisons));
        boolean regression = comparisons.stream().anyMatch(Comparison::regression);
        boolean runsPassed = run.verdict().isAcceptable();
        out.println("gate: " + (regression ? "FAIL (regression)" : runsPassed ? "PASS" : "FAIL (a run did not pass)")
                + "   report: " + reportDir.resolve(Reports.HTML));
        out.flush();
        return !regression && runsPassed ? Main.EXIT_OK : Main.EXIT_FAILED;
    }

    private static String table(List<Comparison> comparisons) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-8s %-20s %-18s %12s %12s %8s  %s%n",
                "VERDICT", "SCENARIO", "FIGURE", "BASELINE", "NOW", "WORSE", "WHY"));
        for (Comparison c : comparisons) {
            b.append(String.format(Locale.ROOT, "%-8s %-20s %-18s %12.3f %12.3f %7.1f%%  %s%n", c.verdict(), c.scenario(), c.figure(),
                    c.baseline(), c.current(), c.worseBy() * 100, c.explanation()));
        }
        return b.toString();
    }
}
