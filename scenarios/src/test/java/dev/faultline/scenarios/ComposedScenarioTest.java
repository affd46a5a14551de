package dev.faultline.scenarios;

import dev.faultline.check.CheckResult;
import dev.faultline.check.FailureKind;
import dev.faultline.check.Verdict;
import dev.faultline.result.ScenarioResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static dev.faultline.assertj.ScenarioResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scenarios as compositions (issue 17): the README's scenario file (multi-writer while the disk
 * fills) has teeth, and its control run names the cause: the reference store passes; a store
 * that answers OK to a write the full disk refused (incident 001's fire-and-forget save) passes
 * the control and fails under the fault with SILENT_LOSS; the legacy store's writers already
 * lose each other's saves without the fault, and the verdict says so.
 */
class ComposedScenarioTest {
    static final Path EXAMPLE = Path.of("compositions", "multi-writer-disk-full.yaml");

    private static ComposedScenario example() {
        return ScenarioFile.read(EXAMPLE, Set.of());
    }

    @Test
    void theReferenceStorePassesWhileTheDiskFills() throws Exception {
        for (long seed = 1; seed <= 2; seed++) {
            ScenarioResult r = ScenarioSuite.run(example(), Adapters.builtIn("reference"), seed);
            assertThat(r).as("seed " + seed).passed();
            assertThat(check(r, "without the fault").verdict()).isEqualTo(Verdict.PASS);
            assertThat(r.faults()).anyMatch(f -> f.startsWith("started disk-full")).anyMatch(f -> f.startsWith("healed disk-full"))
                    .anyMatch(f -> f.contains("ENOSPC"));
        }
    }

    @Test
    void aStoreThatAnswersOkToAFailedWriteLosesWhatItAcknowledged() throws Exception {
        ScenarioResult r = ScenarioSuite.run(example(), FlawedReferenceStores.swallowedWriteErrors(), 1);
        assertThat(r).failedWith(FailureKind.SILENT_LOSS);
        assertThat(check(r, "without the fault").verdict()).as("the control run holds: the loss is the fault's doing").isEqualTo(Verdict.PASS);
    }

    /** Incident 000: the legacy store's windows overwrite each other's saves with no fault at all; the fault is not blamed. */
    @Test
    void theLegacyStoresRaceIsNamedAsTheWorkloadsNotTheFaults() throws Exception {
        ScenarioResult r = ScenarioSuite.run(example(), Adapters.builtIn("legacy"), 1);
        assertThat(r).failedWith(FailureKind.SILENT_LOSS);
        assertThat(r.reason()).contains("with no fault at all").contains("the fault was not tried");
        assertThat(r.checks()).extracting(CheckResult::checker).doesNotContain("acknowledged-writes"); // the faulted run never ran
    }

    /** Any workload with any fault: generated-history while writes fail with EIO and renames with EPERM. */
    @Test
    void aGeneratedHistoryUnderFileSystemFaults(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("history-faults.yaml");
        Files.writeString(file, """
                name: history-under-faults
                summary: generated history while writes fail with EIO, then renames with EPERM
                workload: generated-history
                parameters:
                  operations: 300
                faults:
                  - fault: io-error
                    from: 0.2
                    until: 0.5
                    probability: 0.1
                  - fault: eperm-rename
                    from: 0.4
                    probability: 0.3
                """);
        ComposedScenario composed = ScenarioFile.read(file, Set.of());
        ScenarioResult reference = ScenarioSuite.run(composed, Adapters.builtIn("reference"), 3);
        assertThat(reference).passed();
        assertThat(reference.faults()).anyMatch(f -> f.contains("EIO")).anyMatch(f -> f.contains("EPERM"));
        assertThat(ScenarioSuite.run(composed, FlawedReferenceStores.swallowedWriteErrors(), 3)).failedWith(FailureKind.SILENT_LOSS);
    }

    private static CheckResult check(ScenarioResult r, String name) {
        return r.checks().stream().filter(c -> c.checker().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theExampleIsListedAsItIsComposed() throws IOException {
        assertThat(example().composition())
                .isEqualTo("workload multi-writer; disk-full from 30% to 70% of the workload {headroomBytes=65536}; control run first");
        assertThat(new MultiWriterScenario().composition()).isEqualTo("workload multi-writer, no fault");
    }
}
