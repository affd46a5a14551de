package dev.faultline.scenarios;

import dev.faultline.check.Verdict;
import dev.faultline.engine.Catalog;
import dev.faultline.engine.ScenarioRun;
import dev.faultline.fault.FaultFileSystems.Flavor;
import dev.faultline.result.ScenarioResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static dev.faultline.assertj.ScenarioResultAssert.assertThat;
import static dev.faultline.check.FailureKind.CORRUPTION;
import static dev.faultline.check.FailureKind.SILENT_LOSS;
import static org.assertj.core.api.Assertions.assertThat;

/** The scenarios that work through the fault file system: reference passes, legacy fails as in its incident. */
class FaultScenariosTest {

    @Test
    void diskFullReferenceFailsLoudlyAndRecovers() throws Exception {
        ScenarioResult r = ScenarioSuite.run("disk-full", Adapters.builtIn("reference"));
        assertThat(r).passed();
        assertThat((Integer) r.figures().get("faultsInjected")).isPositive();
        assertThat(r.faults()).anyMatch(f -> f.contains("ENOSPC"));
    }

    @Test
    void diskFullLegacyAcknowledgesSavesThatNeverHappenedAsInIncident000() throws Exception {
        ScenarioResult legacy = ScenarioSuite.run("disk-full", Adapters.builtIn("legacy"));
        assertThat(legacy).failedWith(SILENT_LOSS);
        // what it logged and swallowed (incident 000's fire-and-forget save), grouped beside the verdict
        assertThat(legacy.checks()).filteredOn(c -> c.checker().equals("adapter stderr")).singleElement()
                .satisfies(c -> assertThat(c.evidence()).anyMatch(l -> l.matches(" +[0-9]+× Failed to write .*ENOSPC.*")));
    }

    @Test
    void epermRenameReferenceRetriesPastTheScanner() throws Exception {
        ScenarioResult r = ScenarioSuite.run("eperm-rename", Adapters.builtIn("reference"));
        assertThat(r).passed();
        assertThat(r.faults()).anyMatch(f -> f.contains("scanner")).anyMatch(f -> f.contains("EPERM"));
    }

    @Test
    void epermRenameLegacyLosesEverySaveAsInIncident001() throws Exception {
        assertThat(ScenarioSuite.run("eperm-rename", Adapters.builtIn("legacy"))).failedWith(SILENT_LOSS);
    }

    @Test
    void crashRecoveryReferenceKeepsEverythingAcknowledged() throws Exception {
        assertThat(ScenarioSuite.run("crash-recovery", Adapters.builtIn("reference"))).passed();
    }

    @Test
    void crashRecoveryLegacyLosesOrTearsWhatItFlushedAsInIncident000() throws Exception {
        assertThat(ScenarioSuite.run("crash-recovery", Adapters.builtIn("legacy"))).failedWith(SILENT_LOSS, CORRUPTION);
    }

    @Test
    void ioErrorSweepReferenceHoldsEveryInvariantAtEveryPoint() throws Exception {
        ScenarioResult r = ScenarioSuite.run("io-error-sweep", Adapters.builtIn("reference"));
        assertThat(r).passed();
        assertThat((Integer) r.figures().get("injectionPointsTried")).isGreaterThan(50);
    }

    @Test
    void ioErrorSweepLegacyBreaksAnInvariant() throws Exception {
        assertThat(ScenarioSuite.run("io-error-sweep", Adapters.builtIn("legacy"))).failedWith(SILENT_LOSS, CORRUPTION);
    }

    @Test
    void crashRecoveryKillsProcessAdaptersWithSigkillAndTheReferenceSurvives() throws Exception {
        assertThat(ScenarioSuite.run("crash-recovery", Adapters.outOfProcess("reference"), "writes=150")).passed();
    }

    @Test
    void inJvmFaultScenariosSkipProcessAdaptersWithTheReason() throws Exception {
        ScenarioResult r = ScenarioSuite.run("io-error-sweep", Adapters.outOfProcess("reference"));
        assertThat(r).hasVerdict(Verdict.SKIPPED);
        assertThat(r.reason()).contains("separate process");
    }

    /** Windows and macOS rules on Linux: the reference store passes on every Jimfs flavour. */
    @ParameterizedTest
    @EnumSource(value = Flavor.class, names = {"JIMFS_UNIX", "JIMFS_OSX", "JIMFS_WINDOWS"})
    void referencePassesMultiWriterAndEpermRenameOnEveryJimfsFlavour(Flavor flavor) throws Exception {
        for (String scenario : new String[] {"multi-writer", "eperm-rename"}) {
            ScenarioResult r = ScenarioRun.of(Catalog.scenarios(scenario).get(0)).adapter(Adapters.builtIn("reference"))
                    .seed(42).baseDirectory(ScenarioSuite.RUNS).filesystem(flavor).run();
            assertThat(r).passed();
        }
    }
}
