package dev.faultline.scenarios;

import dev.faultline.check.Verdict;
import dev.faultline.engine.AdapterSpec;
import dev.faultline.fixtures.reference.ReferenceStore;
import dev.faultline.result.ScenarioResult;
import dev.faultline.spi.AdapterContext;
import dev.faultline.spi.Capabilities;
import dev.faultline.spi.Health;
import dev.faultline.spi.Outcome;
import dev.faultline.spi.StorageAdapter;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;

import static dev.faultline.assertj.ScenarioResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

class SkipsAndReplayTest {

    /** The reference store, declaring that it must not share its directory with another process. */
    private static AdapterSpec singleProcessReference() {
        return new AdapterSpec("single-process-reference", (i, dir) -> new SingleProcess(), Map.of());
    }

    private static final class SingleProcess implements StorageAdapter {
        private final ReferenceStore store = new ReferenceStore();

        @Override
        public Capabilities open(AdapterContext context) throws IOException {
            return store.open(context).withMultiProcess(false);
        }

        @Override
        public Outcome put(String collection, String key, String value) {
            return store.put(collection, key, value);
        }

        @Override
        public Outcome get(String collection, String key) {
            return store.get(collection, key);
        }

        @Override
        public Outcome delete(String collection, String key) {
            return store.delete(collection, key);
        }

        @Override
        public Outcome list(String collection) {
            return store.list(collection);
        }

        @Override
        public Outcome flush() {
            return store.flush();
        }

        @Override
        public Health health() {
            return store.health();
        }

        @Override
        public void close() throws IOException {
            store.close();
        }
    }

    @Test
    void aScenarioNeedingAnUndeclaredCapabilityIsSkippedWithTheReason() throws Exception {
        ScenarioResult r = ScenarioSuite.run("multi-writer", singleProcessReference());
        assertThat(r).hasVerdict(Verdict.SKIPPED);
        assertThat(r.reason()).contains("does not declare multiProcess");
    }

    @Test
    void withoutMultiProcessTheWriteStormRunsWithOneWriter() throws Exception {
        ScenarioResult r = ScenarioSuite.run("write-storm", singleProcessReference(), "pauseMs=100");
        assertThat(r).passed();
        assertThat(r.figures()).containsEntry("writersUsed", 1);
    }

    /**
     * The same seed replays the same run. How many file operations the legacy store makes, and so
     * which injection points break an invariant, also depends on when its background saver runs
     * and coalesces (that is its bug): what replays for it is the verdict and the kind.
     */
    @Test
    void aFailingRunReplaysFromItsSeedToTheSameVerdictAndKind() throws Exception {
        ScenarioResult first = ScenarioSuite.run("io-error-sweep", Adapters.builtIn("legacy"), 99);
        ScenarioResult again = ScenarioSuite.run("io-error-sweep", Adapters.builtIn("legacy"), 99);
        assertThat(first).failedWith(first.kind());
        assertThat(again).failedWith(first.kind());
    }

    @Test
    void aSingleThreadedStoreReplaysToTheSameChecks() throws Exception {
        ScenarioResult first = ScenarioSuite.run("io-error-sweep", Adapters.builtIn("reference"), 99);
        ScenarioResult again = ScenarioSuite.run("io-error-sweep", Adapters.builtIn("reference"), 99);
        assertThat(again.checks()).isEqualTo(first.checks());
        assertThat(again.figures().get("injectionPointsTried")).isEqualTo(first.figures().get("injectionPointsTried"));
    }
}
