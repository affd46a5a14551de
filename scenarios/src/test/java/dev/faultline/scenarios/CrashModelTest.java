package dev.faultline.scenarios;

import dev.faultline.check.FailureKind;
import dev.faultline.check.Verdict;
import dev.faultline.engine.AdapterSpec;
import dev.faultline.engine.Catalog;
import dev.faultline.result.ScenarioResult;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.faultline.assertj.ScenarioResultAssert.assertThat;

/**
 * No false alarm on how most real stores are built: a correct write-ahead log survives every
 * crash the model allows. Before the crash kept the forced bytes, a cut anywhere in the file
 * failed it with SILENT_LOSS on about half its seeds.
 */
class CrashModelTest {

    @Test
    void theReferenceStorePassesAndWithoutItsDirectoryForcesLosesAcknowledgedWrites() throws Exception {
        AdapterSpec careless = Catalog.builtIn("reference", Map.of("syncDirectories", "false"));
        int lost = 0;
        for (long seed = 1; seed <= 20; seed++) {
            assertThat(ScenarioSuite.run("crash-recovery", Adapters.builtIn("reference"), seed)).as("seed " + seed).passed();
            ScenarioResult r = ScenarioSuite.run("crash-recovery", careless, seed);
            if (r.verdict() == Verdict.FAIL) {
                assertThat(r).failedWith(FailureKind.SILENT_LOSS);
                lost++;
            }
        }
        // renames and new directories whose parent was never forced are undone on the seeds whose cut falls before them
        org.assertj.core.api.Assertions.assertThat(lost).isGreaterThanOrEqualTo(5);
    }

    @Test
    void aStoreThatRenamesBeforeItsDataIsForcedLeavesEmptyOrTornRecords() throws Exception {
        AdapterSpec early = Catalog.builtIn("reference", Map.of("syncBeforeRename", "false"));
        int failed = 0;
        for (long seed = 1; seed <= 20; seed++) {
            ScenarioResult r = ScenarioSuite.run("crash-recovery", early, seed);
            if (r.verdict() == Verdict.FAIL) {
                org.assertj.core.api.Assertions.assertThat(r.kind()).isIn(FailureKind.CORRUPTION, FailureKind.SILENT_LOSS);
                failed++;
            }
        }
        org.assertj.core.api.Assertions.assertThat(failed).isGreaterThanOrEqualTo(5);
    }

    /** Issue 17: a race between writers is named as one, found by the control run without the crash, not blamed on the crash. */
    @Test
    void aStoreWhoseWritersRaceFailsWithoutTheCrashAndSaysSo() throws Exception {
        ScenarioResult r = ScenarioSuite.run("crash-recovery", JsonFilePerCollectionStore.racingWriters(), 1, "writes=60");
        assertThat(r).failedWith(FailureKind.SILENT_LOSS);
        org.assertj.core.api.Assertions.assertThat(r.reason()).contains("with no crash at all").contains("the crash was not tried");
    }

    @Test
    void aCorrectAppendOnlyLogPassesCrashRecoveryOnTwentySeeds() throws Exception {
        for (long seed = 1; seed <= 20; seed++) {
            ScenarioResult r = ScenarioSuite.run("crash-recovery", AppendOnlyLogStore.spec(), seed);
            assertThat(r).as("seed " + seed).passed();
        }
    }

    /**
     * A crash kills every instance open at that moment that runs threads of its own, as the
     * process's death would (two writers: both killed), and no other: before, the ingestion
     * service's drainer went on writing its memory into the database after the crash.
     */
    @Test
    void aCrashKillsTheInstancesThatWereOpen() throws Exception {
        java.util.concurrent.atomic.AtomicInteger kills = new java.util.concurrent.atomic.AtomicInteger();
        ScenarioResult r = ScenarioSuite.run("crash-recovery", FlawedReferenceStores.killable(kills), 1, "writers=2", "writes=100");
        assertThat(r).passed();
        org.assertj.core.api.Assertions.assertThat(kills).hasValue(2);
        org.assertj.core.api.Assertions.assertThat(r.figures()).doesNotContainKey("threadsOutlivingTheCrash");
    }

    /**
     * A Java adapter with a thread of its own that is not {@link dev.faultline.spi.Killable}: nothing
     * can stop that thread at a simulated crash, and the run says which ran on (the worker threads
     * of the harness and the JVM's shared pool are not named).
     */
    @Test
    void threadsACrashCannotStopAreNamedInTheResult() throws Exception {
        ScenarioResult r = ScenarioSuite.run("crash-recovery", FlawedReferenceStores.backgroundThreadNotKillable(), 1, "writers=2", "writes=100");
        assertThat(r).passed();
        org.assertj.core.api.Assertions.assertThat(r.figures().get("threadsOutlivingTheCrash")).asList()
                .containsExactly("background-housekeeper-0", "background-housekeeper-1");
    }
}
