package dev.faultline.scenarios;

import dev.faultline.engine.AdapterSpec;
import dev.faultline.engine.Catalog;
import dev.faultline.engine.ScenarioRun;
import dev.faultline.result.ScenarioResult;

import java.io.IOException;
import java.nio.file.Path;

/** Runs catalogue scenarios from tests, in run directories under {@code target/}. */
final class ScenarioSuite {
    static final Path RUNS = Path.of("target", "faultline-runs");

    private ScenarioSuite() {
    }

    /** Runs a scenario with the given {@code name=value} parameters and seed 42. */
    static ScenarioResult run(String scenario, AdapterSpec adapter, String... params) throws IOException {
        ScenarioRun run = ScenarioRun.of(Catalog.scenarios(scenario).get(0)).adapter(adapter).seed(42).baseDirectory(RUNS)
                .progress(message -> System.out.println("  " + message));
        for (String p : params) {
            int eq = p.indexOf('=');
            run.param(p.substring(0, eq), p.substring(eq + 1));
        }
        return run.run();
    }
}
