package dev.faultline.scenarios;

import dev.faultline.check.FailureKind;
import dev.faultline.result.ScenarioResult;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.faultline.assertj.ScenarioResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Load through the engine: the reference keeps every write under its objective; four legacy
 * windows lose each other's writes or mix them up (which comes first is timing, as in multi-writer).
 */
class SustainedLoadScenarioTest {
    @Test
    void theReferenceHoldsTheObjectiveAndTheLegacyStoreLosesWrites() throws Exception {
        ScenarioResult reference = ScenarioSuite.run("sustained-load", Adapters.builtIn("reference"), "seconds=2");
        assertThat(reference).passed();
        assertThat((Double) reference.figures().get("operationsPerSecond")).isPositive();
        assertThat(((java.util.Map<?, ?>) reference.figures().get("load")).get("throughputPerSecond")).isInstanceOf(List.class);
        assertThat(ScenarioSuite.run("sustained-load", Adapters.builtIn("legacy"), "seconds=2"))
                .failedWith(FailureKind.SILENT_LOSS, FailureKind.CORRUPTION);
    }

    @Test
    void theOpenModelOffersTheRateItIsGiven() throws Exception {
        ScenarioResult open = ScenarioSuite.run("sustained-load", Adapters.builtIn("reference"), "seconds=2", "rate=100", "writers=2");
        assertThat(open).passed();
        // 200 operations offered in 2 s: within 10% (wide: the store, not the engine, may lag on a busy machine)
        assertThat((Double) open.figures().get("operationsPerSecond")).isBetween(90.0, 110.0);
    }
}
