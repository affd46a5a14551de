package dev.faultline.junit.scenarios;

import dev.faultline.assertj.ScenarioResultAssert;
import dev.faultline.check.FailureKind;
import dev.faultline.engine.BadInputException;
import dev.faultline.result.ResultJson;
import dev.faultline.result.RunResult;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/** The catalogue as a user's own tests, run through the real JUnit engine. */
class ScenarioTestsTest {
    /** Where the nested "user suites" below write; set by each test before running one. */
    static Path reports;

    static ScenarioTests small(String adapter) {
        return ScenarioTests.against(adapter).scenarios("multi-writer", "eperm-rename")
                .param("writers", "3").param("keysPerWriter", "10").seed(7).reportDirectory(reports);
    }

    static final class ReferenceSuite {
        @TestFactory
        Stream<DynamicTest> chaos() {
            return small("reference").stream();
        }
    }

    static final class LegacySuite {
        @TestFactory
        Stream<DynamicTest> chaos() {
            return small("legacy").stream();
        }
    }

    private static Events run(Class<?> suite, Path dir) {
        reports = dir;
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(suite)).execute().testEvents();
    }

    @Test
    void theReferenceStorePassesAndTheReportIsWritten(@TempDir Path dir) {
        Events events = run(ReferenceSuite.class, dir);

        events.assertStatistics(s -> s.started(2).succeeded(2).failed(0));
        RunResult result = ResultJson.read(dir.resolve(ResultJson.FILE_NAME));
        assertThat(result.results()).extracting(r -> r.scenario()).containsExactly("multi-writer", "eperm-rename");
        assertThat(result.seed()).isEqualTo(7);
        assertThat(dir.resolve("report.html")).isNotEmptyFile();
        assertThat(dir.resolve("junit.xml")).isNotEmptyFile();
    }

    @Test
    void aFailingScenarioFailsItsTestWithTheVerdictsReason(@TempDir Path dir) {
        Events events = run(LegacySuite.class, dir);

        events.assertStatistics(s -> s.started(2).failed(2));
        assertThat(events.failed().stream().map(e -> e.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                .getThrowable().orElseThrow().getMessage()))
                .anySatisfy(m -> assertThat(m).startsWith("multi-writer on legacy: FAIL SILENT_LOSS: ").contains("replay: seed 7"))
                .anySatisfy(m -> assertThat(m).startsWith("eperm-rename on legacy: FAIL "));
        assertThat(ResultJson.read(dir.resolve(ResultJson.FILE_NAME)).results()).hasSize(2);
    }

    @Test
    void aResultCanBeAssertedOnDirectly(@TempDir Path dir) throws Exception {
        reports = dir;
        ScenarioResultAssert.assertThat(small("legacy").run("multi-writer")).failedWith(FailureKind.SILENT_LOSS);
        ScenarioResultAssert.assertThat(small("reference").run("multi-writer")).passed().hasNoSilentLoss();
    }

    @Test
    void badInputFailsBeforeAnythingRuns(@TempDir Path dir) {
        reports = dir;
        assertThatThrownBy(() -> small("reference").param("noSuchParameter", "1").stream())
                .isInstanceOf(BadInputException.class).hasMessageContaining("noSuchParameter");
        assertThatThrownBy(() -> ScenarioTests.against("no-such-store").stream())
                .isInstanceOf(BadInputException.class).hasMessageContaining("no-such-store");
        assertThatThrownBy(() -> small("reference").scenarios("no-such-scenario").stream())
                .isInstanceOf(BadInputException.class).hasMessageContaining("no-such-scenario");
        assertThat(Files.exists(dir.resolve(ResultJson.FILE_NAME))).isFalse();
    }
}
