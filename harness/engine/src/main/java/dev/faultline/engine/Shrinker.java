package dev.faultline.engine;

import dev.faultline.check.CheckResult;
import dev.faultline.check.Verdict;
import dev.faultline.result.ScenarioResult;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Shrinks a failing run of a {@link Shrinkable} scenario: greedy, the first smaller variant that
 * still fails with the same kind becomes the new start, until none does or the scenario's budget
 * or {@value #MAX_RUNS} runs are spent. The smallest is run once more at the same seed: a failure
 * that does not come back (a race between instances) is reported as such, not promised a replay.
 */
final class Shrinker {
    static final int MAX_RUNS = 40;

    /** Runs the scenario at other parameters, same seed and adapter, without shrinking. */
    @FunctionalInterface
    interface Attempt {
        ScenarioResult run(Map<String, String> params, long budgetNanos) throws IOException;
    }

    private Shrinker() {
    }

    /** The failed result with a check of its own, "shrunk", naming the smallest failing run and how to replay it. */
    static ScenarioResult shrink(Scenario scenario, Shrinkable shrinkable, ScenarioResult failed, long deadlineNanos,
                                 ProgressListener progress, Attempt attempt) throws IOException {
        Map<String, String> start = new LinkedHashMap<>(failed.parameters());
        Map<String, String> current = start;
        ScenarioResult smallest = failed;
        int runs = 0;
        progress.progress("shrinking the failing run (at most " + MAX_RUNS + " runs, within the budget)");
        boolean reduced = true;
        while (reduced) {
            reduced = false;
            for (Map<String, String> change : shrinkable.smaller(Parameters.resolve(scenario.name(), Budget.parametersOf(scenario), current))) {
                long left = deadlineNanos - System.nanoTime();
                if (runs >= MAX_RUNS || left <= 0) {
                    break;
                }
                Map<String, String> candidate = new LinkedHashMap<>(current);
                candidate.putAll(change);
                runs++;
                ScenarioResult r = attempt.run(candidate, left);
                if (r.verdict() == Verdict.FAIL && r.kind() == failed.kind()) {
                    discard(smallest, failed);
                    current = candidate;
                    smallest = r;
                    reduced = true;
                    progress.progress("shrinking: still fails at " + differences(start, current));
                    break;
                }
                discard(r, failed);
            }
        }
        CheckResult shrunk;
        if (smallest == failed) {
            shrunk = new CheckResult("shrunk", Verdict.FAIL, failed.kind(), runs == 0 ? "not shrunk: no smaller run fits the budget"
                    : "no smaller run failed the same way (" + runs + " tried): this is the smallest found", List.of());
        } else {
            long left = deadlineNanos - System.nanoTime();
            ScenarioResult again = left > 0 ? attempt.run(current, left) : null;
            boolean replays = again != null && again.verdict() == Verdict.FAIL && again.kind() == failed.kind();
            if (again != null) {
                discard(again, failed);
            }
            String replay = "replay: the same command with --seed " + failed.seed() + " " + differences(start, current).entrySet().stream()
                    .map(e -> "--param " + scenario.name() + "." + e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
            List<String> evidence = new ArrayList<>(List.of(replay));
            if (smallest.runDirectory() != null) {
                evidence.add("its run directory: " + smallest.runDirectory());
            }
            CheckResult decisive = ScenarioResult.combine(smallest.checks());
            decisive.evidence().stream().limit(10).forEach(evidence::add);
            shrunk = new CheckResult("shrunk", Verdict.FAIL, failed.kind(), "smallest failing run found in " + runs + " runs: "
                    + differences(start, current) + ": " + decisive.summary() + "; "
                    + (replays ? "it failed again when run a second time at seed " + failed.seed()
                    : again == null ? "not run a second time (the budget is spent): a replay is not promised"
                    : "it did not fail again at seed " + failed.seed() + " (a race between instances): a replay is not promised"), evidence);
        }
        return failed.withCheck(shrunk);
    }

    /** The parameters of {@code to} that differ from {@code from}, by name. */
    private static Map<String, String> differences(Map<String, String> from, Map<String, String> to) {
        Map<String, String> d = new java.util.TreeMap<>();
        to.forEach((k, v) -> {
            if (!v.equals(from.get(k))) {
                d.put(k, v);
            }
        });
        return d;
    }

    /** A superseded attempt's kept run directory goes (never the original run's). */
    private static void discard(ScenarioResult attempt, ScenarioResult original) throws IOException {
        if (attempt != original && attempt.runDirectory() != null) {
            RunDirectories.delete(Path.of(attempt.runDirectory()));
        }
    }
}
