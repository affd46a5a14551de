package dev.faultline.cli;

import dev.faultline.engine.BadInputException;
import dev.faultline.engine.Budget;
import dev.faultline.engine.Scenario;
import dev.faultline.engine.ScenarioRun;
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
import java.time.Duration;
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

    @Option(names = "--max-minutes", paramLabel = "N",
            description = "a budget for the whole run: each scenario gets at most its share of the time left (its maxSeconds over those of the scenarios still to run); a scenario with no time left is UNKNOWN, not run")
    Double maxMinutes;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (maxMinutes != null && !(maxMinutes > 0)) {
            throw new BadInputException("--max-minutes must be more than 0, not " + maxMinutes);
        }
        ScenarioOptions.Plan plan = options.plan(err);
        try (AutoCloseable lock = Directories.lockReports(reportDir)) {
            Path libraryLog = reportDir.resolve(LIBRARY_LOG);
            // before any library logs its first line: slf4j-simple reads where to write once
            System.setProperty("org.slf4j.simpleLogger.logFile", libraryLog.toString());
            int status = run(plan, out, err);
            reportLibraryLog(libraryLog, err);
            return status;
        }
    }

    /** Where the libraries' own warnings go (HikariCP, embedded PostgreSQL), not the console. */
    static final String LIBRARY_LOG = "library.log";

    /** One line for the console when a library logged anything; nothing (and no file) when none did. */
    private static void reportLibraryLog(Path log, PrintWriter err) throws IOException {
        if (!java.nio.file.Files.exists(log)) {
            return;
        }
        long lines;
        try (var all = java.nio.file.Files.lines(log)) {
            lines = all.count();
        }
        if (lines == 0) {
            java.nio.file.Files.delete(log);
        } else {
            err.println("faultline: the libraries logged " + lines + " line(s) of warnings to " + log);
        }
    }

    private int run(ScenarioOptions.Plan plan, PrintWriter out, PrintWriter err) throws Exception {
        long runSeed = plan.seed();
        String started = Instant.now().toString();
        String runId = RunResult.runId(started, runSeed);
        long t0 = System.nanoTime();
        long deadline = maxMinutes == null ? Long.MAX_VALUE : t0 + (long) (maxMinutes * 60e9);
        List<ScenarioResult> results = new ArrayList<>();
        err.printf("faultline: %d scenario(s) on %s, seed %d%s%n", plan.scenarios().size(), plan.adapter().name(), runSeed,
                maxMinutes == null ? "" : ", at most " + maxMinutes + " minutes");
        List<Scenario> toRun = plan.scenarios();
        for (int i = 0; i < toRun.size(); i++) {
            Scenario scenario = toRun.get(i);
            ScenarioRun run = plan.run(scenario, runSeed, err, t0).keepData(keepData)
                    .onInterrupt(partial -> writeQuietly(runId, started, runSeed, results, partial, err));
            ScenarioResult r;
            if (maxMinutes == null) {
                r = run.run();
            } else {
                Duration share = shareOfWhatIsLeft(plan, toRun.subList(i, toRun.size()), deadline - System.nanoTime());
                r = share.compareTo(MIN_SHARE) < 0
                        ? run.notRun("not run: the run's budget (--max-minutes " + maxMinutes + ") was spent before this scenario")
                        : run.budgetCap(share).run();
            }
            results.add(r);
            err.printf("[%6.1fs] %s on %s: %s%s%n", (System.nanoTime() - t0) / 1e9, r.scenario(), r.adapter(), r.verdict(),
                    r.kind() != null ? " " + r.kind() : "");
            // Written after every scenario, atomically: an interrupted run keeps what it finished.
            writeResults(runResult(runId, started, runSeed, results));
        }
        RunResult run = runResult(runId, started, runSeed, results);
        Path file = writeResults(run);
        out.print(TextSummary.render(run));
        out.println("result: " + file + " (report: " + reportDir.resolve(Reports.HTML) + ")");
        out.flush();
        return run.verdict().isAcceptable() ? Main.EXIT_OK : Main.EXIT_FAILED;
    }

    /** Less than this is no time to start a scenario in. */
    private static final Duration MIN_SHARE = Duration.ofSeconds(5);

    /** The first of {@code remaining}'s share of {@code leftNanos}. */
    private static Duration shareOfWhatIsLeft(ScenarioOptions.Plan plan, List<Scenario> remaining, long leftNanos) {
        return Budget.shareOfWhatIsLeft(plan.budgetSeconds(remaining.get(0)), remaining.stream().mapToLong(plan::budgetSeconds).sum(), leftNanos);
    }

    private static RunResult runResult(String runId, String started, long seed, List<ScenarioResult> results) {
        return RunResult.finishedNow(Main.version(), runId, started, seed, results);
    }

    /** From the shutdown hook: what finished, and the interrupted scenario as UNKNOWN. */
    private void writeQuietly(String runId, String started, long seed, List<ScenarioResult> done, ScenarioResult interrupted, PrintWriter err) {
        List<ScenarioResult> all = new ArrayList<>(done);
        all.add(interrupted);
        try {
            Path file = writeResults(runResult(runId, started, seed, all));
            err.println("faultline: interrupted; " + file + " has the " + done.size() + " finished scenario(s) and " + interrupted.scenario() + " as UNKNOWN");
        } catch (IOException | RuntimeException e) {
            err.println("faultline: interrupted, and the results could not be written: " + e.getMessage());
        }
        err.flush();
    }

    /** result.json, then the reports rendered from it: report.html, junit.xml, summary.md. */
    private Path writeResults(RunResult run) throws IOException {
        Path file = ResultJson.write(run, reportDir);
        Reports.write(reportDir, List.of(Leg.of(run)));
        return file;
    }

}
