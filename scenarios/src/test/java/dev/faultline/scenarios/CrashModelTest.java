package dev.faultline.scenarios;

import dev.faultline.result.ScenarioResult;
import org.junit.jupiter.api.Test;

import static dev.faultline.assertj.ScenarioResultAssert.assertThat;

/**
 * No false alarm on how most real stores are built: a correct write-ahead log survives every
 * crash the model allows. Before the crash kept the forced bytes, a cut anywhere in the file
 * failed it with SILENT_LOSS on about half its seeds.
 */
class CrashModelTest {

    @Test
    void aCorrectAppendOnlyLogPassesCrashRecoveryOnTwentySeeds() throws Exception {
        for (long seed = 1; seed <= 20; seed++) {
            ScenarioResult r = ScenarioSuite.run("crash-recovery", AppendOnlyLogStore.spec(), seed);
            assertThat(r).as("seed " + seed).passed();
        }
    }
}
