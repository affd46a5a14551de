package dev.faultline.scenarios;

import org.junit.jupiter.api.Test;

import static dev.faultline.assertj.ScenarioResultAssert.assertThat;
import static dev.faultline.check.FailureKind.CORRUPTION;
import static dev.faultline.check.FailureKind.SILENT_LOSS;

/** Incidents 003/004: 150 events at once, then 3 x 100; none may go missing. */
class WriteStormScenarioTest {

    @Test
    void referenceStoreKeepsEveryAcknowledgedEvent() throws Exception {
        var result = ScenarioSuite.run("write-storm", Adapters.builtIn("reference"), "pauseMs=200");
        assertThat(result).passed();
        // the bursts went through the load engine: one figure per burst, operations counted from their release
        org.assertj.core.api.Assertions.assertThat((java.util.List<?>) result.figures().get("burstSeconds")).hasSize(4);
        org.assertj.core.api.Assertions.assertThat((java.util.Map<String, Object>) result.figures().get("load")).containsEntry("operations", 450L);
    }

    @Test
    void legacyStoreAcknowledgesEventsThatNeverBecomeReadable() throws Exception {
        assertThat(ScenarioSuite.run("write-storm", Adapters.builtIn("legacy"), "pauseMs=200"))
                .failedWith(SILENT_LOSS, CORRUPTION)
                .hasCheckFailedWith(SILENT_LOSS);
    }

    @Test
    void referenceStorePassesAsSeparateProcesses() throws Exception {
        assertThat(ScenarioSuite.run("write-storm", Adapters.outOfProcess("reference"), "pauseMs=200")).passed();
    }

    @Test
    void legacyStoreFailsAsSeparateProcesses() throws Exception {
        assertThat(ScenarioSuite.run("write-storm", Adapters.outOfProcess("legacy"), "pauseMs=200")).failedWith(SILENT_LOSS, CORRUPTION);
    }
}
