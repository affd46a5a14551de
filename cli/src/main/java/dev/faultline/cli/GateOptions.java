package dev.faultline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.faultline.baseline.Baseline;
import dev.faultline.baseline.BaselineStore;
import dev.faultline.baseline.Comparison;
import dev.faultline.baseline.Gate;
import dev.faultline.engine.BadInputException;
import dev.faultline.report.Leg;
import dev.faultline.report.Reports;
import dev.faultline.result.AtomicFiles;
import dev.faultline.result.ResultJson;
import dev.faultline.result.RunResult;
import dev.faultline.result.ScenarioResult;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The release gate's settings and its verdict, shared by {@code compare} (runs the scenarios)
 * and {@code compare-results} (reads runs made elsewhere, such as the Gatling simulations').
 */
final class GateOptions {
    @Option(names = "--baseline-dir", defaultValue = "reports/baselines", description = "where baselines are kept (default: ${DEFAULT-VALUE})")
    Path baselineDir;

    @Option(names = "--mode", defaultValue = "rank", description = "rank (rank test + minimum effect) or band (incident 004's 20%% band on one run) (default: ${DEFAULT-VALUE})")
    String mode;

    @Option(names = "--alpha", defaultValue = "0.01", description = "the rank test's significance, shared out over the figures (default: ${DEFAULT-VALUE})")
    double alpha;

    @Option(names = "--min-effect", defaultValue = "0.05", description = "the smallest relative change that fails the gate, raised to half the measured noise (default: ${DEFAULT-VALUE})")
    double minEffect;

    @Option(names = "--report-dir", defaultValue = "reports/gate", description = "where result.json, comparison.json and the reports go (default: ${DEFAULT-VALUE})")
    Path reportDir;

    Gate.Mode gateMode() {
        return switch (mode.toLowerCase(Locale.ROOT)) {
            case "rank" -> Gate.Mode.RANK;
            case "band" -> Gate.Mode.BAND;
            default -> throw new BadInputException("--mode must be rank or band, not '" + mode + "'");
        };
    }

    Gate gate(long seed) {
        if (!(alpha > 0 && alpha < 1) || minEffect < 0) {
            throw new BadInputException("--alpha must be between 0 and 1 and --min-effect not negative");
        }
        return new Gate(new Gate.Settings(gateMode(), alpha, minEffect, Gate.Settings.DEFAULT.bandTolerance(), seed,
                Gate.Settings.DEFAULT.resamples()));
    }

    /** The stored baseline of a scenario on an adapter; a missing one is bad input, named. */
    Baseline baseline(String adapter, String scenario) {
        BaselineStore store = new BaselineStore(baselineDir);
        return store.read(adapter, scenario).orElseThrow(() -> new BadInputException("no baseline for " + scenario + " on " + adapter
                + ": " + store.file(adapter, scenario) + " (record one with: faultline baseline update)"));
    }

    /**
     * Compares each baseline with the runs of its scenario, writes result.json, comparison.json and
     * the reports, prints the table; the exit status: 1 on a regression or a run that did not pass.
     */
    int judge(RunResult run, List<Baseline> baselines, long seed, PrintWriter out, PrintWriter err) throws IOException {
        Gate gate = gate(seed);
        List<Comparison> comparisons = new ArrayList<>();
        for (Baseline b : baselines) {
            if (!b.host().equals(RunResult.thisHost())) {
                err.println("faultline: the baseline of " + b.scenario() + " was recorded on " + b.host()
                        + "; this machine is " + RunResult.thisHost() + ": figures may differ for that reason alone");
            }
            List<ScenarioResult> runs = run.results().stream()
                    .filter(r -> r.scenario().equals(b.scenario()) && r.adapter().equals(b.adapter())).toList();
            comparisons.addAll(gate.compare(b, Baseline.samplesOf(runs)));
        }
        ResultJson.write(run, reportDir);
        AtomicFiles.write(reportDir.resolve("comparison.json"), new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsBytes(Map.of("mode", gateMode().name().toLowerCase(Locale.ROOT), "comparisons", comparisons)));
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
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-8s %-26s %-18s %12s %12s %8s  %s%n",
                "VERDICT", "SCENARIO", "FIGURE", "BASELINE", "NOW", "WORSE", "WHY"));
        for (Comparison c : comparisons) {
            b.append(String.format(Locale.ROOT, "%-8s %-26s %-18s %12.3f %12.3f %7.1f%%  %s%n", c.verdict(), c.scenario(), c.figure(),
                    c.baseline(), c.current(), c.worseBy() * 100, c.explanation()));
        }
        return b.toString();
    }

    /** The results of every file given (a directory stands for its result.json), all runs in one list. */
    static List<ScenarioResult> readResults(List<Path> files) {
        List<ScenarioResult> all = new ArrayList<>();
        for (Path p : files) {
            all.addAll(ResultJson.read(java.nio.file.Files.isDirectory(p) ? p.resolve(ResultJson.FILE_NAME) : p).results());
        }
        return all;
    }
}
