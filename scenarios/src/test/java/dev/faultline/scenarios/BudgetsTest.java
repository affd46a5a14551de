package dev.faultline.scenarios;

import dev.faultline.check.CheckResult;
import dev.faultline.check.FailureKind;
import dev.faultline.check.Verdict;
import dev.faultline.result.ScenarioResult;
import org.junit.jupiter.api.Test;

import static dev.faultline.assertj.ScenarioResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14: a realistic slow store (incident 000's one JSON file per collection, rewritten on
 * every put) gets a verdict within the scenario's budget instead of running for hours. Before
 * budgets, sample-growth-50k on it was at 5,000 of 50,000 samples after 110 s and cold-start was
 * still populating after 15 minutes.
 */
class BudgetsTest {

    @Test
    void sampleGrowthStopsASlowingStoreEarlyWithTheEvidence() throws Exception {
        ScenarioResult r = ScenarioSuite.run("sample-growth-50k", JsonFilePerCollectionStore.spec(false));
        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(r.kind()).isIn(FailureKind.SLO_MISS, FailureKind.UNBOUNDED_GROWTH);
        // the default budget is 180 s; stopping on the evidence should come long before it
        assertThat(r.durationMillis()).isLessThan(180_000);
        assertThat((Integer) r.figures().get("samplesWritten")).isLessThan(50_000);
        // everything acknowledged before the stop reads back: the early stop judged, it did not break the store
        assertThat(r.checks()).filteredOn(c -> c.checker().equals("acknowledged-writes")).extracting(CheckResult::verdict)
                .containsOnly(Verdict.PASS);
    }

    @Test
    void aStoreStillWritingWhenItsBudgetRunsOutIsJudgedOnItsRateTrend() throws Exception {
        // a bound on slowdown so loose that only the budget can end it: the projection decides
        ScenarioResult r = ScenarioSuite.run("sample-growth-50k", JsonFilePerCollectionStore.spec(false), "maxSeconds=12",
                "maxSlowdown=1000", "maxFileBytes=1000000000");
        assertThat(r.durationMillis()).isLessThan(12_000 + 10_000);
        assertThat(r.figures()).containsKeys("projectedLastTenthOverFirst", "projectedSecondsToFinish");
        assertThat(r.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(r.reason()).contains("budget").contains("projects");
    }

    @Test
    void coldStartOnAStoreThatCannotPopulateInTimeSaysSoAndStillMeasuresTheRestart() throws Exception {
        ScenarioResult r = ScenarioSuite.run("cold-start", JsonFilePerCollectionStore.spec(false), "maxSeconds=30");
        assertThat(r.durationMillis()).isLessThan(30_000 + 10_000);
        assertThat((Integer) r.figures().get("recordsPopulated")).isBetween(1, 49_999);
        assertThat(r.figures()).containsKeys("healthyMs", "firstRequestMs");
        assertThat(r.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(r.reason()).contains("populating stopped at");
    }

    @Test
    void coldStartPopulatesInBatchesWhereTheStoreTakesThem() throws Exception {
        ScenarioResult r = ScenarioSuite.run("cold-start", JsonFilePerCollectionStore.spec(true));
        assertThat(r).passed();
        assertThat(r.figures().get("recordsPopulated")).isEqualTo(50_000);
    }

    @Test
    void coldStartDamagedDamagesTheOneFileOfACollectionAndTheCarefulStoreQuarantinesIt() throws Exception {
        ScenarioResult r = ScenarioSuite.run("cold-start-damaged", JsonFilePerCollectionStore.spec(true));
        assertThat(r).passed();
    }
}
