package dev.faultline.cli;

import dev.faultline.baseline.Baseline;
import dev.faultline.baseline.BaselineStore;
import dev.faultline.engine.BadInputException;
import dev.faultline.engine.Scenario;
import dev.faultline.result.ScenarioResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code faultline baseline update}: records repeated samples of each scenario's figures. */
@Command(name = "baseline", description = "Manage the stored baselines the release gate compares against.",
        subcommands = {BaselineCommand.Update.class, BaselineCommand.Record.class})
final class BaselineCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "update", description = "Run each scenario --repeat times and store its figures as the baseline (reports/baselines/ADAPTER/SCENARIO.json).",
            footer = {"", "Exit status: 0 recorded; 1 a run did not pass (nothing recorded for that scenario); 2 bad input."})
    static final class Update implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        ScenarioOptions options;

        @Option(names = "--repeat", defaultValue = "20", description = "runs per scenario (default: ${DEFAULT-VALUE}: what a 15%% regression at 10%% noise needs)")
        int repeat;

        @Option(names = "--baseline-dir", defaultValue = "reports/baselines", description = "where baselines are kept (default: ${DEFAULT-VALUE})")
        Path baselineDir;

        @Override
        public Integer call() throws Exception {
            if (repeat < 3) {
                throw new BadInputException("--repeat must be at least 3 (a baseline is a distribution), not " + repeat);
            }
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            ScenarioOptions.Plan plan = options.plan(err);
            BaselineStore store = new BaselineStore(baselineDir);
            boolean allRecorded = true;
            long t0 = System.nanoTime();
            for (Scenario scenario : plan.scenarios()) {
                List<ScenarioResult> runs = Repeats.inTurn(List.of(plan), List.of(""), scenario, repeat, err, t0).get(0);
                if (runs.stream().anyMatch(r -> !r.verdict().isAcceptable())) {
                    err.println("faultline: " + scenario.name() + " did not pass every run; its baseline is left as it was");
                    allRecorded = false;
                    continue;
                }
                Baseline b = Baseline.of(scenario.name(), plan.adapter().name(), runs);
                out.println("baseline " + store.write(b) + ": " + repeat + " runs, figures " + String.join(", ", b.samples().keySet()));
            }
            out.flush();
            return allRecorded ? Main.EXIT_OK : Main.EXIT_FAILED;
        }
    }

    @Command(name = "record", description = "Store the figures of result.json files (one per repeated run, e.g. Gatling's) as baselines.")
    static final class Record implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--baseline-dir", defaultValue = "reports/baselines", description = "where baselines are kept (default: ${DEFAULT-VALUE})")
        Path baselineDir;

        @picocli.CommandLine.Parameters(arity = "3..*", paramLabel = "RESULT", description = "result.json files (at least 3), or directories holding one")
        List<Path> files;

        @Override
        public Integer call() throws Exception {
            List<ScenarioResult> results = GateOptions.readResults(files);
            if (results.stream().anyMatch(r -> !r.verdict().isAcceptable())) {
                throw new BadInputException("a baseline is recorded only from runs that passed; some of these did not");
            }
            java.util.Map<List<String>, List<ScenarioResult>> byRow = new java.util.LinkedHashMap<>();
            results.forEach(r -> byRow.computeIfAbsent(List.of(r.scenario(), r.adapter()), k -> new ArrayList<>()).add(r));
            BaselineStore store = new BaselineStore(baselineDir);
            PrintWriter out = spec.commandLine().getOut();
            for (var e : byRow.entrySet()) {
                List<ScenarioResult> runs = e.getValue();
                Baseline b = Baseline.of(e.getKey().get(0), e.getKey().get(1), runs);
                out.println("baseline " + store.write(b) + ": " + runs.size() + " runs, figures " + String.join(", ", b.samples().keySet()));
            }
            out.flush();
            return Main.EXIT_OK;
        }
    }

    /**
     * Repeated runs of a scenario: run {@code i} takes seed {@code seed + i}, so the set replays.
     * Given several plans (a baseline and the current build), run {@code i} of each is made in
     * turn, so drift on the machine (page cache, heap, a neighbour) falls on both sides alike; the
     * order flips every round (A B, B A, A B, ...), so the JVM warming up does not always favour
     * the side that goes second.
     */
    static final class Repeats {
        private Repeats() {
        }

        /** The runs of each plan, in the plans' order. */
        static List<List<ScenarioResult>> inTurn(List<ScenarioOptions.Plan> plans, List<String> labels, Scenario scenario, int times,
                                                 PrintWriter err, long t0) throws java.io.IOException {
            List<List<ScenarioResult>> runs = new ArrayList<>();
            plans.forEach(p -> runs.add(new ArrayList<>()));
            for (int i = 0; i < times; i++) {
                for (int turn = 0; turn < plans.size(); turn++) {
                    int side = i % 2 == 0 ? turn : plans.size() - 1 - turn;
                    ScenarioOptions.Plan plan = plans.get(side);
                    ScenarioResult r = plan.run(scenario, plan.seed() + i, err, t0).run();
                    err.printf("[%6.1fs] %s on %s%s: run %d of %d: %s%n", (System.nanoTime() - t0) / 1e9, scenario.name(), plan.adapter().name(),
                            labels.get(side).isEmpty() ? "" : " (" + labels.get(side) + ")", i + 1, times, r.verdict());
                    err.flush();
                    runs.get(side).add(r);
                }
            }
            return runs;
        }
    }
}
