package dev.faultline.scenarios;

import dev.faultline.engine.Catalog;
import dev.faultline.fault.os.Strace;
import dev.faultline.process.ProcessAdapter;
import dev.faultline.result.ScenarioResult;
import dev.faultline.spi.AdapterContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 16's figures, not part of the build (about 2 minutes):
 *
 * <pre>./mvnw -pl scenarios test -Dtest=CrashExploreExperiment -Dfaultline.experiment.crash=true -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * Crash states checked per minute on the reference store (3 runs of a larger exploration), and
 * what recording with strace costs the Python example store (500 puts with and without it,
 * alternated 3 times, plus the time to read the trace). Lines go to target/crash-explore-experiment.txt.
 */
@EnabledIfSystemProperty(named = "faultline.experiment.crash", matches = "true")
class CrashExploreExperiment {

    @Test
    void statesPerMinuteAndStraceOverhead() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int run = 1; run <= 3; run++) {
            ScenarioResult r = ScenarioSuite.run("crash-explore", Catalog.builtIn("reference", Map.of()), run,
                    "writes=60", "collections=3", "states=5000", "statesPerPoint=64", "between=40");
            lines.add(String.format("reference, run %d: %s, %s states in %.1f s: %s states/minute", run, r.verdict(),
                    r.figures().get("statesChecked"), r.durationMillis() / 1000.0, r.figures().get("statesPerMinute")));
            System.out.println(lines.get(lines.size() - 1));
        }
        Path dir = Files.createDirectories(ScenarioSuite.RUNS.resolve("strace-overhead")).toAbsolutePath();
        for (int run = 1; run <= 3; run++) {
            double plain = putsSeconds(dir.resolve("plain-" + run), null);
            Strace strace = new Strace(dir.resolve("trace-" + run + ".txt"), dir.resolve("traced-" + run), 0, System::nanoTime);
            double traced = putsSeconds(dir.resolve("traced-" + run), strace);
            long readStart = System.nanoTime();
            int events = strace.read().events().size();
            double readSeconds = (System.nanoTime() - readStart) / 1e9;
            lines.add(String.format("python store, 500 puts of 700 B, run %d: %.2f s plain, %.2f s under strace (x%.2f); trace of %d operations read in %.2f s",
                    run, plain, traced, traced / plain, events, readSeconds));
            System.out.println(lines.get(lines.size() - 1));
        }
        Files.write(Path.of("target", "crash-explore-experiment.txt"), lines);
        assertThat(lines).hasSize(6);
    }

    /** Seconds for 500 durable puts by one instance of the Python store on {@code root}, under strace when given. */
    private static double putsSeconds(Path root, Strace strace) throws Exception {
        List<String> command = Adapters.pythonCommand().orElseThrow();
        ProcessAdapter store = new ProcessAdapter(strace == null ? command : strace.wrap(command), root.resolveSibling(root.getFileName() + ".stderr"));
        Files.createDirectories(root);
        store.open(new AdapterContext(root, 0, Map.of()));
        String value = "v".repeat(700);
        long start = System.nanoTime();
        for (int i = 0; i < 500; i++) {
            assertThat(store.put("c", "k" + (i % 50), value).isOk()).isTrue();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        store.close();
        return seconds;
    }
}
