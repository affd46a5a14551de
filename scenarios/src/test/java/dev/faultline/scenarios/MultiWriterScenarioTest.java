package dev.faultline.scenarios;

import org.junit.jupiter.api.Test;

import static dev.faultline.assertj.ScenarioResultAssert.assertThat;
import static dev.faultline.check.FailureKind.CORRUPTION;
import static dev.faultline.check.FailureKind.SILENT_LOSS;

/** Incident 000: ten windows on one directory. */
class MultiWriterScenarioTest {

    @Test
    void referenceStoreLosesNothingWithTenWriters() throws Exception {
        assertThat(ScenarioSuite.run("multi-writer", Adapters.builtIn("reference"))).passed();
    }

    @Test
    void legacyStoreLosesOrTearsWritesAsInIncident000() throws Exception {
        // Windows overwrite each other's saves (lost keys); when the shared .tmp is torn the
        // store no longer opens. Which comes first depends on timing; both are the incident.
        assertThat(ScenarioSuite.run("multi-writer", Adapters.builtIn("legacy"))).failedWith(SILENT_LOSS, CORRUPTION);
    }

    @Test
    void referenceStorePassesAsSeparateProcesses() throws Exception {
        assertThat(ScenarioSuite.run("multi-writer", Adapters.outOfProcess("reference"))).passed();
    }

    @Test
    void legacyStoreFailsAsSeparateProcesses() throws Exception {
        assertThat(ScenarioSuite.run("multi-writer", Adapters.outOfProcess("legacy"))).failedWith(SILENT_LOSS, CORRUPTION);
    }
}
