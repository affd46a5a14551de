package dev.faultline.cli;

import dev.faultline.baseline.Baseline;
import dev.faultline.engine.BadInputException;
import dev.faultline.engine.Scenario;
import dev.faultline.result.ResultJson;
import dev.faultline.result.RunResult;
import dev.faultline.result.ScenarioResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code faultline compare}: the release gate. Runs each scenario {@code --repeat} times and
 * compares its figures with a baseline (rank test and minimum effect, or incident 004's band rule
 * with {@code --mode band}); explains each figure; fails on a real regression. The baseline is
 * the stored one, or, where it can be re-run ({@code --baseline-adapter-command},
 * {@code --baseline-param}), runs of it made in turn with the current ones: batches made minutes
 * apart drift by 25-47% on a shared machine, interleaved runs within 5%.
 */
@Command(name = "compare", description = "Run scenarios repeatedly and compare their figures with a baseline: the stored one, or one re-run in turn with these runs (the release gate).",
        footer = {"", "Exit status: 0 no regression; 1 a regression or a run that did not pass; 2 bad input (a missing or unreadable baseline)."})
final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ScenarioOptions options;

    @Mixin
    GateOptions gate;

    @Option(names = "--repeat", defaultValue = "20", description = "runs per scenario (default: ${DEFAULT-VALUE})")
    int repeat;

    @Option(names = "--baseline-adapter-command", paramLabel = "CMD",
            description = "re-run the baseline in turn with the current runs, through this adapter program (e.g. the previous release's 'java -jar faultline.jar serve --adapter reference')")
    String baselineCommand;

    @Option(names = "--baseline-param", paramLabel = "KEY=VALUE",
            description = "re-run the baseline in turn with the current runs, with these parameters or adapter settings on top of --param")
    List<String> baselineParams = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        gate.gate(0); // settings checked before the first run
        ScenarioOptions.Plan plan = options.plan(err);
        if (repeat < 3 && gate.gateMode() == dev.faultline.baseline.Gate.Mode.RANK) {
            throw new BadInputException("--repeat must be at least 3 for the rank test, not " + repeat);
        }
        boolean interleaved = baselineCommand != null || !baselineParams.isEmpty();
        ScenarioOptions.Plan baselinePlan = interleaved ? options.variant(plan, baselineCommand, baselineParams, err) : null;
        // Every stored baseline is read before the first run: a missing or bad one is bad input, not an hour later.
        List<Baseline> baselines = new ArrayList<>();
        if (!interleaved) {
            for (Scenario s : plan.scenarios()) {
                baselines.add(gate.baseline(plan.adapter().name(), s.name()));
            }
        }
        String started = Instant.now().toString();
        List<ScenarioResult> results = new ArrayList<>();
        List<ScenarioResult> baselineResults = new ArrayList<>();
        long t0 = System.nanoTime();
        for (Scenario scenario : plan.scenarios()) {
            if (!interleaved) {
                results.addAll(BaselineCommand.Repeats.inTurn(List.of(plan), List.of(""), scenario, repeat, err, t0).get(0));
                continue;
            }
            List<List<ScenarioResult>> sides = BaselineCommand.Repeats.inTurn(List.of(baselinePlan, plan), List.of("baseline", "current"),
                    scenario, repeat, err, t0);
            List<ScenarioResult> baselineRuns = sides.get(0);
            baselineResults.addAll(baselineRuns);
            results.addAll(sides.get(1));
            if (baselineRuns.stream().anyMatch(r -> !r.verdict().isAcceptable())) {
                err.println("faultline: the baseline side of " + scenario.name() + " did not pass every run; its figures are compared all the same");
            }
            // named after the current adapter, so the gate pairs them with the current runs
            baselines.add(Baseline.of(scenario.name(), plan.adapter().name(), baselineRuns));
        }
        RunResult run = RunResult.finishedNow(Main.version(), "gate-" + plan.seed(), started, plan.seed(), results);
        if (interleaved) { // kept beside the gate's result, to look into or to record as a baseline
            ResultJson.write(RunResult.finishedNow(Main.version(), "gate-baseline-" + plan.seed(), started, plan.seed(), baselineResults),
                    gate.reportDir.resolve("baseline"));
        }
        return gate.judge(run, baselines, plan.seed(), out, err);
    }
}
