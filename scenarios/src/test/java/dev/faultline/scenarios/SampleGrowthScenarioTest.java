package dev.faultline.scenarios;

import dev.faultline.check.CheckResult;
import dev.faultline.check.Verdict;
import dev.faultline.result.ScenarioResult;
import org.junit.jupiter.api.Test;

import static dev.faultline.assertj.ScenarioResultAssert.assertThat;
import static dev.faultline.check.FailureKind.SLO_MISS;
import static dev.faultline.check.FailureKind.UNBOUNDED_GROWTH;
import static org.assertj.core.api.Assertions.assertThat;

/** Incidents 000/001 at production scale: 50,000 samples, not 5 to 10. */
class SampleGrowthScenarioTest {

    @Test
    void referenceStoreKeepsFilesSmallAndSpeedSteadyOver50000Samples() throws Exception {
        // The scenario's slowdown objective is a timing (last tenth at most 3x the first); the
        // reference measures about 0.5x here (its first tenth includes warm-up), a wide margin.
        ScenarioResult r = ScenarioSuite.run("sample-growth-50k", Adapters.builtIn("reference"));
        assertThat(r).passed();
        assertThat((Long) r.figures().get("acknowledgedWrites")).isEqualTo(50_000L);
    }

    @Test
    void legacyStoreGrowsOneJsonFilePastTheBoundAsInIncident000() throws Exception {
        // the slowdown bound relaxed, so that only the file bound can stop the workload
        ScenarioResult r = ScenarioSuite.run("sample-growth-50k", Adapters.builtIn("legacy"), "maxSlowdown=1000");
        assertThat(r).failedWith(UNBOUNDED_GROWTH);
        assertThat(((Number) r.figures().get("largestFileBytes")).longValue()).isGreaterThan(10L * 1024 * 1024);
        assertThat(((Number) r.figures().get("fileBoundCrossedAtSample")).longValue()).isLessThan(50_000);
    }

    @Test
    void atItsDefaultsTheLegacyStoreIsStoppedEarlyByWhicheverBoundItCrossesFirst() throws Exception {
        // its whole-file rewrite on every save slows it (here about 3x by sample 8,000) before the file reaches 10 MB
        ScenarioResult r = ScenarioSuite.run("sample-growth-50k", Adapters.builtIn("legacy"));
        assertThat(r.kind()).isIn(SLO_MISS, UNBOUNDED_GROWTH);
        assertThat((Integer) r.figures().get("samplesWritten")).isLessThan(50_000);
    }

    /**
     * Issue 17: a store that keeps every autosave as a file of its own has no large file (the
     * incident's 10 MB objective passes), but its disk use outgrows the live data it holds.
     */
    @Test
    void aStoreThatKeepsEveryAutosaveOutgrowsItsLiveData() throws Exception {
        ScenarioResult r = ScenarioSuite.run("sample-growth-50k", FlawedReferenceStores.keepsEveryAutosave(), "samples=5000", "maxSlowdown=1000");
        assertThat(r).failedWith(UNBOUNDED_GROWTH);
        assertThat(r.checks()).filteredOn(c -> c.checker().equals("file-size")).extracting(CheckResult::verdict).containsExactly(Verdict.PASS);
        assertThat(r.reason()).contains("live bytes");
    }
}
