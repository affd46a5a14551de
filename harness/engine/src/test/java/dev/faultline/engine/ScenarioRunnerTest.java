package dev.faultline.engine;

import dev.faultline.check.FailureKind;
import dev.faultline.check.Verdict;
import dev.faultline.result.ScenarioResult;
import dev.faultline.spi.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static dev.faultline.assertj.ScenarioResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScenarioRunnerTest {
    @TempDir
    Path base;

    private ScenarioResult run(AdapterSpec.Factory factory, long timeoutMillis) throws Exception {
        return ScenarioRun.of(new PutAndReadScenario()).adapter(new AdapterSpec("test", factory, Map.of()))
                .seed(5).baseDirectory(base).operationTimeoutMillis(timeoutMillis).run();
    }

    @Test
    void aCorrectStorePassesAndItsRunDirectoryIsRemoved() throws Exception {
        Map<String, String> data = InMemoryAdapter.newData();
        ScenarioResult r = run((i, dir) -> new InMemoryAdapter(data), 5_000);
        assertThat(r).passed();
        assertThat(r.runDirectory()).isNull();
        assertThat(base).isEmptyDirectory();
        assertThat(r.figures()).containsKeys("operations", "putLatencyMs", "operationsPerSecond");
    }

    @Test
    void aStoreThatDropsEveryOtherWriteFailsWithSilentLossAndKeepsItsRunDirectory() throws Exception {
        Map<String, String> data = InMemoryAdapter.newData();
        ScenarioResult r = run((i, dir) -> new InMemoryAdapter(data) {
            int puts;

            @Override
            public Outcome put(String collection, String key, String value) {
                return puts++ % 2 == 0 ? super.put(collection, key, value) : Outcome.ok();
            }
        }, 5_000);
        assertThat(r).failedWith(FailureKind.SILENT_LOSS);
        assertThat(Path.of(r.runDirectory())).isDirectory();
    }

    @Test
    void aJavaAdapterThatBlocksIsHungWithAThreadDumpAndTheRunGoesOn() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        Map<String, String> data = InMemoryAdapter.newData();
        long started = System.nanoTime();
        ScenarioResult r = run((i, dir) -> new InMemoryAdapter(data) {
            @Override
            public Outcome flush() {
                try {
                    never.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Outcome.ok();
            }

            @Override
            public void close() {
                never.countDown(); // what a service's close does: lets go of what its callers wait on
            }
        }, 500);
        assertThat(r).failedWith(FailureKind.HUNG);
        assertThat(r.checks().get(0).evidence()).anyMatch(line -> line.contains("CountDownLatch.await"));
        // Wide margin: the limit is 0.5 s; anything under 20 s shows the run did not wait forever.
        assertThat((System.nanoTime() - started) / 1e9).isLessThan(20);
        // once the run was over, the hung adapter was asked to close, so it could release what it held
        assertThat(never.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aStoreThatWillNotOpenIsUnavailable() throws Exception {
        ScenarioResult r = run((i, dir) -> new InMemoryAdapter(InMemoryAdapter.newData()) {
            @Override
            public dev.faultline.spi.Capabilities open(dev.faultline.spi.AdapterContext context) {
                throw new IllegalStateException("EACCES: root is read-only");
            }
        }, 5_000);
        assertThat(r).failedWith(FailureKind.UNAVAILABLE);
        assertThat(r.reason()).contains("EACCES");
    }

    @Test
    void theSameSeedWritesTheSameValues() throws Exception {
        Map<String, String> first = InMemoryAdapter.newData();
        Map<String, String> second = InMemoryAdapter.newData();
        run((i, dir) -> new InMemoryAdapter(first), 5_000);
        run((i, dir) -> new InMemoryAdapter(second), 5_000);
        assertThat(first).isNotEmpty().isEqualTo(second);
    }

    @Test
    void unknownAndMalformedParametersAreBadInputBeforeAnythingRuns() {
        ScenarioRun unknown = ScenarioRun.of(new PutAndReadScenario()).param("nope", "1")
                .adapter(new AdapterSpec("test", (i, d) -> new InMemoryAdapter(InMemoryAdapter.newData()), Map.of())).baseDirectory(base);
        assertThatThrownBy(unknown::run).isInstanceOf(BadInputException.class).hasMessage("unknown parameter 'nope' for scenario put-and-read (it takes: keys, maxSeconds)");
        ScenarioRun malformed = ScenarioRun.of(new PutAndReadScenario()).param("keys", "many")
                .adapter(new AdapterSpec("test", (i, d) -> new InMemoryAdapter(InMemoryAdapter.newData()), Map.of())).baseDirectory(base);
        assertThatThrownBy(malformed::run).isInstanceOf(BadInputException.class).hasMessage("parameter keys of scenario put-and-read: 'many' is not a whole number");
    }

    @Test
    void runDirectoriesWithoutTheMarkerAreNeverDeleted() throws Exception {
        Path foreign = Files.createDirectories(base.resolve("not-ours"));
        Files.writeString(foreign.resolve("precious.txt"), "keep me");
        assertThatThrownBy(() -> RunDirectories.delete(foreign)).hasMessageContaining("not deleting");
        assertThat(foreign.resolve("precious.txt")).hasContent("keep me");
    }

    @Test
    void aResultHasTheSeedAndTheVerdictOfEveryCheck() throws Exception {
        Map<String, String> data = InMemoryAdapter.newData();
        ScenarioResult r = run((i, dir) -> new InMemoryAdapter(data), 5_000);
        assertThat(r.seed()).isEqualTo(5);
        assertThat(r.checks()).extracting(c -> c.verdict()).containsOnly(Verdict.PASS);
        assertThat(r.parameters()).containsEntry("keys", "20");
    }

    @Test
    void aScenarioStillRunningWhenItsBudgetIsSpentIsEndedWithUnknownAndWhatWasSeen() throws Exception {
        Map<String, String> data = InMemoryAdapter.newData();
        long started = System.nanoTime();
        // every put takes 300 ms, far under the operation timeout: only the budget can end it
        ScenarioResult r = ScenarioRun.of(new PutAndReadScenario()).adapter(new AdapterSpec("slow", (i, dir) -> new InMemoryAdapter(data) {
            @Override
            public Outcome put(String collection, String key, String value) {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.put(collection, key, value);
            }
        }, Map.of())).param("keys", "1000").param(Budget.PARAMETER, "2").seed(5).baseDirectory(base)
                .operationTimeoutMillis(60_000).run();
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(r.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(r.reason()).contains("budget of 2 s was spent");
        assertThat((Long) r.figures().get("budgetSeconds")).isEqualTo(2L);
        assertThat(seconds).as("ended near its budget, not after 1,000 puts of 300 ms").isLessThan(20);
        assertThat(RunDirectories.howEnded(Path.of(r.runDirectory()))).hasValue("UNKNOWN");
    }
}
