package dev.faultline.cli;

import dev.faultline.baseline.Baseline;
import dev.faultline.result.RunResult;
import dev.faultline.result.ScenarioResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code faultline compare-results RESULT...}: the gate on runs made elsewhere (repeated Gatling
 * runs, a CI matrix): each file is one sample of each scenario and adapter in it.
 */
@Command(name = "compare-results", description = "Compare the figures of result.json files (one per repeated run) with the stored baselines.",
        footer = {"", "Exit status: 0 no regression; 1 a regression or a run that did not pass; 2 bad input."})
final class CompareResultsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    GateOptions gate;

    @Parameters(arity = "1..*", paramLabel = "RESULT", description = "result.json files, or directories holding one")
    List<Path> files;

    @Override
    public Integer call() throws Exception {
        gate.gate(0);
        List<ScenarioResult> results = GateOptions.readResults(files);
        Set<List<String>> rows = new LinkedHashSet<>();
        results.forEach(r -> rows.add(List.of(r.scenario(), r.adapter())));
        List<Baseline> baselines = new ArrayList<>();
        for (List<String> row : rows) {
            baselines.add(gate.baseline(row.get(1), row.get(0)));
        }
        RunResult run = RunResult.finishedNow(Main.version(), "gate-results", Instant.now().toString(), 0, results);
        return gate.judge(run, baselines, 0, spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
