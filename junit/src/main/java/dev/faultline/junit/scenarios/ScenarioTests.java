package dev.faultline.junit.scenarios;

import dev.faultline.engine.AdapterSpec;
import dev.faultline.engine.BadInputException;
import dev.faultline.engine.Budget;
import dev.faultline.engine.Catalog;
import dev.faultline.engine.Parameters;
import dev.faultline.engine.RunDirectories;
import dev.faultline.engine.Scenario;
import dev.faultline.engine.ScenarioRun;
import dev.faultline.process.ProcessAdapter;
import dev.faultline.report.Leg;
import dev.faultline.report.Reports;
import dev.faultline.result.ResultJson;
import dev.faultline.result.RunResult;
import dev.faultline.result.ScenarioResult;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The scenario catalogue as tests in the user's own suite: one dynamic test per scenario, against
 * an adapter found on the test class path by its provider's name, or a program speaking adapter
 * protocol v1. A scenario that FAILs or is UNKNOWN fails its test with the verdict's reason; a
 * SKIPPED one is reported as skipped. After each scenario {@code result.json}, {@code report.html},
 * {@code junit.xml} and {@code summary.md} are rewritten (atomically) in the report directory.
 *
 * <pre>{@code
 * @TestFactory
 * Stream<DynamicTest> chaos() {
 *     return ScenarioTests.against("my-store").scenarios("multi-writer", "disk-full").param("writers", "4").seed(42).stream();
 * }
 * }</pre>
 *
 * Immutable: every setter returns a new value, so a shared base can be specialised per test.
 */
public final class ScenarioTests {
    /** Where results and reports go unless told: under Maven's and Gradle's build directories alike. */
    public static final Path DEFAULT_REPORT_DIRECTORY = Path.of("target", "faultline-tests");

    private final String adapterName;
    private final String adapterCommand;
    private final String scenarioNames;
    private final Map<String, String> params;
    private final Map<String, String> adapterSettings;
    private final Long seed;
    private final Path reportDirectory;
    private final Path workDirectory;

    private ScenarioTests(String adapterName, String adapterCommand, String scenarioNames, Map<String, String> params,
                          Map<String, String> adapterSettings, Long seed, Path reportDirectory, Path workDirectory) {
        this.adapterName = adapterName;
        this.adapterCommand = adapterCommand;
        this.scenarioNames = scenarioNames;
        this.params = Map.copyOf(params);
        this.adapterSettings = Map.copyOf(adapterSettings);
        this.seed = seed;
        this.reportDirectory = reportDirectory;
        this.workDirectory = workDirectory;
    }

    /** Every scenario against the adapter whose {@code AdapterProvider} has this name (ServiceLoader, test class path). */
    public static ScenarioTests against(String adapterProviderName) {
        return new ScenarioTests(adapterProviderName, null, "all", Map.of(), Map.of(), null, DEFAULT_REPORT_DIRECTORY, null);
    }

    /** Every scenario against a program speaking adapter protocol v1, started once per instance. */
    public static ScenarioTests againstCommand(String commandLine) {
        return new ScenarioTests(null, commandLine, "all", Map.of(), Map.of(), null, DEFAULT_REPORT_DIRECTORY, null);
    }

    /** Only these scenarios, in this order (names as {@code faultline list} shows them; "all" for all). */
    public ScenarioTests scenarios(String... names) {
        return new ScenarioTests(adapterName, adapterCommand, String.join(",", names), params, adapterSettings, seed, reportDirectory, workDirectory);
    }

    /** A parameter: {@code KEY} for every chosen scenario that takes it, {@code SCENARIO.KEY} for one. */
    public ScenarioTests param(String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(params);
        more.put(key, value);
        return new ScenarioTests(adapterName, adapterCommand, scenarioNames, more, adapterSettings, seed, reportDirectory, workDirectory);
    }

    /** A setting handed to the adapter (what {@code --param adapter.KEY=VALUE} is on the command line). */
    public ScenarioTests adapterSetting(String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(adapterSettings);
        more.put(key, value);
        return new ScenarioTests(adapterName, adapterCommand, scenarioNames, params, more, seed, reportDirectory, workDirectory);
    }

    /** The seed of every random choice; without one a new seed is drawn and shown in each test's name. */
    public ScenarioTests seed(long value) {
        return new ScenarioTests(adapterName, adapterCommand, scenarioNames, params, adapterSettings, value, reportDirectory, workDirectory);
    }

    /** Where result.json and the reports go (default {@code target/faultline-tests}; the plugin writes to {@code target/faultline}). */
    public ScenarioTests reportDirectory(Path dir) {
        return new ScenarioTests(adapterName, adapterCommand, scenarioNames, params, adapterSettings, seed, dir, workDirectory);
    }

    /** Where run directories are made (default: {@code runs} inside the report directory). */
    public ScenarioTests workDirectory(Path dir) {
        return new ScenarioTests(adapterName, adapterCommand, scenarioNames, params, adapterSettings, seed, reportDirectory, dir);
    }

    /**
     * One test per chosen scenario, run when JUnit runs it. Everything given is checked here,
     * before any test runs: an unknown scenario, adapter or parameter fails the factory itself.
     */
    public Stream<DynamicTest> stream() {
        Plan plan = plan();
        List<ScenarioResult> results = new ArrayList<>();
        String started = Instant.now().toString();
        String runId = RunResult.runId(started, plan.seed);
        return plan.scenarios.stream().map(scenario -> DynamicTest.dynamicTest(scenario.name() + " (seed " + plan.seed + ")", () -> {
            ScenarioResult result = plan.run(scenario);
            synchronized (results) {
                results.add(result);
                write(RunResult.finishedNow(RunResult.versionOf(ScenarioTests.class), runId, started, plan.seed, results));
            }
            judge(result);
        }));
    }

    /** Runs one scenario now and returns its result for assertions ({@code ScenarioResultAssert}); writes no report. */
    public ScenarioResult run(String scenario) throws IOException {
        Plan plan = scenarios(scenario).plan();
        return plan.run(plan.scenarios.get(0));
    }

    private record Plan(List<Scenario> scenarios, AdapterSpec adapter, Map<String, Map<String, String>> overrides, long seed, Path base) {
        ScenarioResult run(Scenario scenario) throws IOException {
            // shrinking stays on, as on the command line: a failure comes with its smallest replay
            return ScenarioRun.of(scenario).adapter(adapter).params(overrides.get(scenario.name())).seed(seed).baseDirectory(base).run();
        }
    }

    private Plan plan() {
        List<Scenario> chosen = Catalog.scenarios(scenarioNames);
        Map<Scenario, Map<String, String>> byScenario = new LinkedHashMap<>();
        chosen.forEach(s -> byScenario.put(s, new LinkedHashMap<>()));
        params.forEach((key, value) -> {
            if (!Parameters.assign(key, value, byScenario)) {
                throw new BadInputException("param " + BadInputException.echo(key) + ": no chosen scenario takes it (see: faultline list)");
            }
        });
        Map<String, Map<String, String>> overrides = new LinkedHashMap<>();
        byScenario.forEach((s, o) -> {
            Parameters.resolve(s.name(), Budget.parametersOf(s), o);
            overrides.put(s.name(), o);
        });
        AdapterSpec adapter = adapterName != null ? Catalog.builtIn(adapterName, adapterSettings) : ProcessAdapter.spec(adapterCommand, adapterSettings);
        long runSeed = seed != null ? seed : RunResult.newSeed();
        Path base = workDirectory != null ? workDirectory : reportDirectory.resolve("runs");
        try {
            RunDirectories.reclaimAbandoned(base);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the work directory " + base, e);
        }
        return new Plan(chosen, adapter, overrides, runSeed, base);
    }

    private void write(RunResult run) throws IOException {
        ResultJson.write(run, reportDirectory);
        Reports.write(reportDirectory, List.of(Leg.of(run)));
    }

    /** FAIL and UNKNOWN fail the test with the verdict's reason; SKIPPED is a skipped test. */
    private void judge(ScenarioResult r) {
        String where = "(replay: seed " + r.seed() + "; report: " + reportDirectory.resolve(Reports.HTML)
                + (r.runDirectory() != null ? "; evidence: " + r.runDirectory() : "") + ")";
        switch (r.verdict()) {
            case PASS -> { }
            case SKIPPED -> Assumptions.abort(r.scenario() + " skipped: " + r.reason());
            default -> throw new AssertionFailedError(r.scenario() + " on " + r.adapter() + ": " + r.verdict()
                    + (r.kind() != null ? " " + r.kind() : "") + ": " + r.reason() + " " + where);
        }
    }
}
