package dev.faultline.scenarios;

import dev.faultline.result.ScenarioResult;
import org.junit.jupiter.api.Test;

import static dev.faultline.assertj.ScenarioResultAssert.assertThat;
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
        ScenarioResult r = ScenarioSuite.run("sample-growth-50k", Adapters.builtIn("legacy"));
        assertThat(r).failedWith(UNBOUNDED_GROWTH);
        assertThat(((Number) r.figures().get("largestFileBytes")).longValue()).isGreaterThan(10L * 1024 * 1024);
    }
}
