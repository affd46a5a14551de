package dev.faultline.cli;

import dev.faultline.engine.Scenario;
import dev.faultline.report.Leg;
import dev.faultline.report.Reports;
import dev.faultline.report.TextSummary;
import dev.faultline.result.ResultJson;
import dev.faultline.result.RunResult;
import dev.faultline.result.ScenarioResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code faultline run}: scenarios against one adapter, verdicts in {@code result.json}. */
@Command(name = "run", description = "Run scenarios against an adapter and write result.json.",
        footer = {"", "Exit status: 0 every verdict PASS or SKIPPED; 1 any FAIL or UNKNOWN; 2 bad input."})
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ScenarioOptions options;

    @Option(names = "--report-dir", paramLabel = "DIR", defaultValue = "reports/latest", description = "where result.json and the reports go (default: ${DEFAULT-VALUE})")
    Path reportDir;

    @Option(names = "--keep-data", description = "keep every run directory, not only those of runs that did not pass")
    boolean keepData;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ScenarioOptions.Plan plan = options.plan(err);
        long runSeed = plan.seed();
        String started = Instant.now().toString();
        String runId = started.replaceAll("[^0-9TZ]", "") + "-" + runSeed;
        long t0 = System.nanoTime();
        List<ScenarioResult> results = new ArrayList<>();
        err.printf("faultline: %d scenario(s) on %s, seed %d%n", plan.scenarios().size(), plan.adapter().name(), runSeed);
        for (Scenario scenario : plan.scenarios()) {
            ScenarioResult r = plan.run(scenario, runSeed, err, t0).keepData(keepData).run();
            results.add(r);
            err.printf("[%6.1fs] %s on %s: %s%s%n", (System.nanoTime() - t0) / 1e9, r.scenario(), r.adapter(), r.verdict(),
                    r.kind() != null ? " " + r.kind() : "");
            // Written after every scenario, atomically: an interrupted run keeps what it finished.
            writeResults(new RunResult(RunResult.FORMAT_VERSION, Main.version(), runId, started, Instant.now().toString(),
                    runSeed, RunResult.thisHost(), RunResult.overall(results), results));
        }
        RunResult run = new RunResult(RunResult.FORMAT_VERSION, Main.version(), runId, started, Instant.now().toString(),
                runSeed, RunResult.thisHost(), RunResult.overall(results), results);
        Path file = writeResults(run);
        out.print(TextSummary.render(run));
        out.println("result: " + file + " (report: " + reportDir.resolve(Reports.HTML) + ")");
        out.flush();
        return run.verdict().isAcceptable() ? Main.EXIT_OK : Main.EXIT_FAILED;
    }

    /** result.json, then the reports rendered from it: report.html, junit.xml, summary.md. */
    private Path writeResults(RunResult run) throws IOException {
        Path file = ResultJson.write(run, reportDir);
        Reports.write(reportDir, List.of(Leg.of(run)));
        return file;
    }

}
