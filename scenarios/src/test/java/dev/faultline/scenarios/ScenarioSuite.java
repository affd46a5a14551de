package dev.faultline.scenarios;

import dev.faultline.engine.Budget;
import dev.faultline.engine.AdapterSpec;
import dev.faultline.engine.Catalog;
import dev.faultline.engine.Scenario;
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
        return run(scenario, adapter, 42, params);
    }

    /** Runs a scenario with the given seed; parameters a scenario does not take are left out. */
    static ScenarioResult run(String scenario, AdapterSpec adapter, long seed, String... params) throws IOException {
        return run(Catalog.scenarios(scenario).get(0), adapter, seed, params);
    }

    /** Runs a scenario that is not in the catalogue (a scenario file's) with the given seed. */
    static ScenarioResult run(Scenario definition, AdapterSpec adapter, long seed, String... params) throws IOException {
        return run(ScenarioRun.of(definition).shrink(false), definition, adapter, seed, params);
    }

    /** As {@link #run(Scenario, AdapterSpec, long, String...)}, a failure shrunk (the other runs save the suite's time). */
    static ScenarioResult runShrinking(String scenario, AdapterSpec adapter, long seed, String... params) throws IOException {
        Scenario definition = Catalog.scenarios(scenario).get(0);
        return run(ScenarioRun.of(definition), definition, adapter, seed, params);
    }

    private static ScenarioResult run(ScenarioRun run, Scenario definition, AdapterSpec adapter, long seed, String... params) throws IOException {
        run.adapter(adapter).seed(seed).baseDirectory(RUNS).progress(message -> System.out.println("  " + message));
        for (String p : params) {
            int eq = p.indexOf('=');
            String name = p.substring(0, eq);
            if (Budget.parametersOf(definition).stream().anyMatch(spec -> spec.name().equals(name))) {
                run.param(name, p.substring(eq + 1));
            }
        }
        ScenarioResult result = run.run();
        System.out.println("  -> " + result.verdict() + (result.kind() != null ? " " + result.kind() : "") + ": " + result.reason());
        return result;
    }
}
