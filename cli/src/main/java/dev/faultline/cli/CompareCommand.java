package dev.faultline.cli;

import dev.faultline.baseline.Baseline;
import dev.faultline.engine.BadInputException;
import dev.faultline.engine.Scenario;
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

    @Mixin
    GateOptions gate;

    @Option(names = "--repeat", defaultValue = "20", description = "runs per scenario (default: ${DEFAULT-VALUE})")
    int repeat;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        gate.gate(0); // settings checked before the first run
        ScenarioOptions.Plan plan = options.plan(err);
        if (repeat < 3 && gate.gateMode() == dev.faultline.baseline.Gate.Mode.RANK) {
            throw new BadInputException("--repeat must be at least 3 for the rank test, not " + repeat);
        }
        // Every baseline is read before the first run: a missing or bad one is bad input, not an hour later.
        List<Baseline> baselines = new ArrayList<>();
        for (Scenario s : plan.scenarios()) {
            baselines.add(gate.baseline(plan.adapter().name(), s.name()));
        }
        String started = Instant.now().toString();
        List<ScenarioResult> results = new ArrayList<>();
        long t0 = System.nanoTime();
        for (Scenario scenario : plan.scenarios()) {
            results.addAll(BaselineCommand.Repeats.run(plan, scenario, repeat, err, t0));
        }
        RunResult run = new RunResult(RunResult.FORMAT_VERSION, Main.version(), "gate-" + plan.seed(), started, Instant.now().toString(),
                plan.seed(), RunResult.thisHost(), RunResult.overall(results), results);
        return gate.judge(run, baselines, plan.seed(), out, err);
    }
}
