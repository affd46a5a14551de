package dev.faultline.scenarios;

import dev.faultline.check.FailureKind;
import dev.faultline.result.ScenarioResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static dev.faultline.assertj.ScenarioResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * cold-start-damaged damages what the store actually wrote (issue 17): a store that keeps
 * everything in one file is damaged there. Starting empty and healthy on it (incident 000's
 * extension) FAILs; saying so PASSes; the reference store names every kind of damage it can see.
 */
class DamageTest {

    @Test
    void aOneFileStoreThatStartsEmptyAndHealthyOnADamagedFileFails() throws Exception {
        ScenarioResult r = ScenarioSuite.run("cold-start-damaged", SingleJsonFileStore.spec(false), 1, "records=2000");
        assertThat(r).failedWith(FailureKind.CORRUPTION);
        assertThat(r.reason()).contains("vanished").contains("healthy");
    }

    @Test
    void aOneFileStoreThatReportsTheDamagePasses() throws Exception {
        ScenarioResult r = ScenarioSuite.run("cold-start-damaged", SingleJsonFileStore.spec(true), 1, "records=2000");
        assertThat(r).passed();
        assertThat(r.checks()).anySatisfy(c -> assertThat(c.summary()).contains("truncated state.json"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"truncate", "zero", "flip"})
    void theReferenceStoreNamesTheDamage(String damage) throws Exception {
        assertThat(ScenarioSuite.run("cold-start-damaged", Adapters.builtIn("reference"), 1, "records=2000", "damage=" + damage)).passed();
    }
}
