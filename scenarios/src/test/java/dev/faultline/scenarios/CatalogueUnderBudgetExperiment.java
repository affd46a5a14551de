package dev.faultline.scenarios;

import dev.faultline.engine.AdapterSpec;
import dev.faultline.engine.Budget;
import dev.faultline.engine.Catalog;
import dev.faultline.engine.Parameters;
import dev.faultline.engine.Scenario;
import dev.faultline.engine.ScenarioRun;
import dev.faultline.result.ScenarioResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14's "done means" for a slow realistic store: the whole catalogue against the
 * one-JSON-file-per-collection store (test-only, so not reachable from the CLI) under a run budget
 * shared as {@code faultline run --max-minutes} shares it, a verdict for every scenario. Not part
 * of the build (up to the budget's minutes):
 *
 * <pre>./mvnw -pl scenarios test -Dtest=CatalogueUnderBudgetExperiment -Dfaultline.experiment.minutes=15 -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * Verdicts and times go to target/catalogue-experiment.txt.
 */
@EnabledIfSystemProperty(named = "faultline.experiment.minutes", matches = "\\d+")
class CatalogueUnderBudgetExperiment {

    @Test
    void everyScenarioGetsAVerdictWithinTheRunsBudget() throws Exception {
        long minutes = Long.parseLong(System.getProperty("faultline.experiment.minutes"));
        AdapterSpec store = JsonFilePerCollectionStore.spec(false);
        List<Scenario> all = Catalog.scenarios();
        long start = System.nanoTime();
        long deadline = start + Duration.ofMinutes(minutes).toNanos();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            Scenario s = all.get(i);
            long remaining = all.subList(i, all.size()).stream().mapToLong(CatalogueUnderBudgetExperiment::budgetSeconds).sum();
            Duration share = Budget.shareOfWhatIsLeft(budgetSeconds(s), remaining, deadline - System.nanoTime());
            ScenarioRun run = ScenarioRun.of(s).adapter(store).seed(42).baseDirectory(ScenarioSuite.RUNS).budgetCap(share)
                    .progress(message -> System.out.println("  " + message));
            ScenarioResult r = share.toSeconds() < 5 ? run.notRun("not run: the run's budget was spent") : run.run();
            String line = String.format("%-20s %-8s %-16s %6.1f s (share %d s)  %s", s.name(), r.verdict(), r.kind() == null ? "-" : r.kind(),
                    r.durationMillis() / 1000.0, share.toSeconds(), r.reason());
            System.out.println(line);
            lines.add(line);
            assertThat(r.verdict()).isNotNull();
        }
        double totalMinutes = (System.nanoTime() - start) / 60e9;
        lines.add(String.format("total: %.1f min (budget %d min)", totalMinutes, minutes));
        Files.write(Path.of("target", "catalogue-experiment.txt"), lines);
        assertThat(totalMinutes).isLessThan(minutes + 1.0);
    }

    private static long budgetSeconds(Scenario s) {
        return Parameters.resolve(s.name(), Budget.parametersOf(s), Map.of()).longValue(Budget.PARAMETER);
    }
}
