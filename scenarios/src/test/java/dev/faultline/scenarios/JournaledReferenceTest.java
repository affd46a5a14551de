package dev.faultline.scenarios;

import dev.faultline.engine.AdapterSpec;
import dev.faultline.engine.Catalog;
import dev.faultline.result.ScenarioResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static dev.faultline.assertj.ScenarioResultAssert.assertThat;

/**
 * Issue 18: the reference store's journaled mode ({@code durability=group}: puts acknowledged
 * once their journal entry's group is forced, record files forced at checkpoints) keeps every
 * guarantee of put mode: every crash state crash-explore reaches (both models), SIGKILL of
 * several processes (their journals replayed by the next instance), and the scenarios that
 * fault the file system.
 */
class JournaledReferenceTest {
    static final AdapterSpec JOURNALED = Catalog.builtIn("reference", Map.of("durability", "group"));

    @Test
    void everyCrashStateKeepsWhatWasAcknowledged() throws Exception {
        for (long seed = 1; seed <= 3; seed++) {
            assertThat(ScenarioSuite.run("crash-explore", JOURNALED, seed)).as("seed " + seed).passed();
        }
        assertThat(ScenarioSuite.run("crash-explore", JOURNALED, 1, "model=ext4-ordered")).passed();
    }

    @Test
    void aCrashMidWriteLosesNothingAcknowledged() throws Exception {
        for (long seed = 1; seed <= 3; seed++) {
            assertThat(ScenarioSuite.run("crash-recovery", JOURNALED, seed)).as("seed " + seed).passed();
        }
    }

    /** Two processes each with a journal, killed: the next instance replays both, newest stamp per key first. */
    @Test
    void killedProcessesJournalsAreReplayed() throws Exception {
        ScenarioResult r = ScenarioSuite.run("crash-recovery", Adapters.outOfProcess("reference", Map.of("durability", "group")), 2, "writes=200");
        assertThat(r).passed();
    }

    @ParameterizedTest
    @ValueSource(strings = {"multi-writer", "generated-history", "disk-full", "eperm-rename", "io-error-sweep", "write-storm", "silent-loss"})
    void theFaultScenariosPass(String scenario) throws Exception {
        assertThat(ScenarioSuite.run(scenario, JOURNALED, 1)).passed();
    }
}
