package dev.faultline.cli;

import dev.faultline.engine.Budget;
import dev.faultline.engine.AdapterSpec;
import dev.faultline.engine.BadInputException;
import dev.faultline.engine.Catalog;
import dev.faultline.engine.Parameters;
import dev.faultline.engine.ProgressListener;
import dev.faultline.engine.RunDirectories;
import dev.faultline.engine.Scenario;
import dev.faultline.engine.ScenarioRun;
import dev.faultline.engine.Shard;
import dev.faultline.fault.FaultFileSystems;
import dev.faultline.process.ProcessAdapter;
import dev.faultline.result.RunResult;
import dev.faultline.scenarios.ScenarioFile;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every command that runs scenarios takes (run, baseline update, compare): which scenarios,
 * which adapter, seed, parameters, where to work; checked as a whole before anything runs.
 */
final class ScenarioOptions {
    private static final String ADAPTER_PREFIX = "adapter.";

    @Option(names = "--scenario", paramLabel = "NAME[,NAME]", description = "scenarios to run, or 'all'")
    String scenarios;

    @Option(names = "--scenario-file", paramLabel = "FILE",
            description = "also run a scenario composed in a YAML file: a workload and a fault schedule (see: faultline list; scenarios/compositions/)")
    List<Path> scenarioFiles = new ArrayList<>();

    @ArgGroup(exclusive = true, multiplicity = "1")
    AdapterChoice adapter;

    static final class AdapterChoice {
        @Option(names = "--adapter", paramLabel = "NAME", description = "a built-in adapter (see: faultline list)")
        String name;

        @Option(names = "--adapter-command", paramLabel = "CMD",
                description = "a program speaking adapter protocol v1, started once per instance (split like a shell would, never run through one)")
        String command;
    }

    @Option(names = "--classpath", paramLabel = "PATH",
            description = "your own jars or class directories (separated by '${sys:path.separator}'; DIR/* for every jar in DIR), searched for adapters and scenarios")
    String classpath;

    @Option(names = "--shard", paramLabel = "K/N",
            description = "run only the K-th of N stable shares of the chosen scenarios (an io-error sweep's or a crash exploration's trials are split among the shards), so N runners together run everything once; merge with: faultline report")
    String shard;

    @Option(names = "--seed", description = "seed for every random choice; a failing run replays from its seed (default: a new one, printed)")
    Long seed;

    @Option(names = "--param", paramLabel = "KEY=VALUE",
            description = "a scenario parameter (KEY, or SCENARIO.KEY for one scenario), or adapter.KEY=VALUE for an adapter setting")
    List<String> params = new ArrayList<>();

    @Option(names = "--params-file", paramLabel = "FILE",
            description = "scenario parameters and adapter settings from a YAML file (see scenarios/params/); --param wins over it")
    Path paramsFile;

    @Option(names = "--work-dir", paramLabel = "DIR", description = "where run directories are made (default: the system temporary directory)")
    Path workDir;

    @Option(names = "--operation-timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "an adapter operation taking longer is HUNG (default: ${DEFAULT-VALUE})")
    int operationTimeoutSeconds;

    @Option(names = "--filesystem", paramLabel = "KIND", defaultValue = "disk",
            description = "what in-process adapters work on: disk, jimfs-unix, jimfs-osx or jimfs-windows (Windows path and case rules on any OS) (default: ${DEFAULT-VALUE})")
    String filesystem;

    @Option(names = {"-q", "--quiet"}, description = "no progress lines")
    boolean quiet;

    @Option(names = "--strict-timing",
            description = "a time objective missed while other processes kept the machine busy is a FAIL (SLO_MISS), not UNKNOWN")
    boolean strictTiming;

    /** The options resolved and validated: what to run, with what, where. */
    record Plan(List<Scenario> scenarios, AdapterSpec adapter, Map<String, Map<String, String>> overrides, long seed,
                Path base, FaultFileSystems.Flavor flavor, long operationTimeoutMillis, boolean quiet, boolean strictTiming, Shard shard) {

        /** A scenario run as configured, progress to {@code err} unless quiet. */
        ScenarioRun run(Scenario scenario, long runSeed, PrintWriter err, long t0) {
            ProgressListener progress = quiet ? message -> { } : message -> {
                err.printf("[%6.1fs] %s%n", (System.nanoTime() - t0) / 1e9, message);
                err.flush();
            };
            return ScenarioRun.of(scenario).adapter(adapter).params(overrides.get(scenario.name())).seed(runSeed)
                    .baseDirectory(base).filesystem(flavor).operationTimeoutMillis(operationTimeoutMillis).progress(progress).strictTiming(strictTiming).shard(shard);
        }

        /** The scenario's {@link Budget#PARAMETER} as given or defaulted. */
        long budgetSeconds(Scenario scenario) {
            return Parameters.resolve(scenario.name(), Budget.parametersOf(scenario), overrides.get(scenario.name())).longValue(Budget.PARAMETER);
        }
    }

    /** Validates everything and reclaims what a killed harness left in the work directory. */
    Plan plan(PrintWriter err) throws IOException {
        return resolve(err, adapter.name, adapter.command, params, seed);
    }

    /**
     * The other side of an interleaved comparison: {@code of} with another adapter command (when
     * not null) and further parameters, same scenarios, seed and settings otherwise.
     */
    Plan variant(Plan of, String adapterCommand, List<String> moreParams, PrintWriter err) throws IOException {
        List<String> all = new ArrayList<>(params);
        all.addAll(moreParams);
        return adapterCommand == null ? resolve(err, adapter.name, adapter.command, all, of.seed())
                : resolve(err, null, adapterCommand, all, of.seed());
    }

    private Plan resolve(PrintWriter err, String adapterName, String adapterCommand, List<String> params, Long seed) throws IOException {
        UserClasspath.install(classpath);
        if (operationTimeoutSeconds < 1) {
            throw new BadInputException("--operation-timeout must be at least 1 second, not " + operationTimeoutSeconds);
        }
        FaultFileSystems.Flavor flavor;
        try {
            flavor = FaultFileSystems.Flavor.parse(filesystem);
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--filesystem " + e.getMessage());
        }
        List<Scenario> named = named(); // parameters are checked against all of them: every shard is given the same ones
        Shard share = Shard.parse(shard);
        List<Scenario> chosen = share.of(named);
        Map<String, String> settings = new LinkedHashMap<>();
        Map<String, Map<String, String>> overrides = new LinkedHashMap<>(); // by name: plans of one command share scenarios
        parameters(named, settings, params).forEach((s, o) -> overrides.put(s.name(), o));
        AdapterSpec adapterSpec = adapterName != null
                ? Catalog.builtIn(adapterName, settings)
                : ProcessAdapter.spec(adapterCommand, settings);
        long runSeed = seed != null ? seed : RunResult.newSeed();
        Path base = workDir != null ? workDir : Path.of(System.getProperty("java.io.tmpdir"), "faultline-runs");
        Directories.requireWritable(base, "--work-dir");
        for (Path left : RunDirectories.reclaimAbandoned(base)) {
            err.println("faultline: reclaimed " + left + ", left behind by a harness that was killed");
        }
        return new Plan(chosen, adapterSpec, overrides, runSeed, base, flavor, operationTimeoutSeconds * 1000L, quiet, strictTiming, share);
    }

    /** The scenarios named by --scenario, then those of --scenario-file, each file checked whole before anything runs. */
    private List<Scenario> named() {
        if (scenarios == null && scenarioFiles.isEmpty()) {
            throw new BadInputException("say what to run: --scenario NAME[,NAME]|all or --scenario-file FILE (see: faultline list)");
        }
        List<Scenario> chosen = new ArrayList<>(scenarios == null ? List.of() : Catalog.scenarios(scenarios));
        java.util.Set<String> taken = new java.util.HashSet<>(Catalog.scenarios().stream().map(Scenario::name).toList());
        for (Path file : scenarioFiles) {
            Scenario s = ScenarioFile.read(file, taken);
            taken.add(s.name());
            chosen.add(s);
        }
        return List.copyOf(chosen);
    }

    /**
     * Sorts {@code --param} values into adapter settings and per-scenario overrides, and validates
     * them all before anything runs.
     */
    private Map<Scenario, Map<String, String>> parameters(List<Scenario> chosen, Map<String, String> settings, List<String> params) {
        Map<Scenario, Map<String, String>> overrides = new LinkedHashMap<>();
        chosen.forEach(s -> overrides.put(s, new LinkedHashMap<>()));
        if (paramsFile != null) {
            List<Scenario> known = new ArrayList<>(Catalog.scenarios());
            chosen.stream().filter(s -> known.stream().noneMatch(k -> k.name().equals(s.name()))).forEach(known::add);
            ParamsFile.Contents file = ParamsFile.read(paramsFile, known);
            settings.putAll(file.adapterSettings());
            chosen.forEach(s -> overrides.get(s).putAll(file.byScenario().getOrDefault(s.name(), Map.of())));
        }
        for (String p : params) {
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new BadInputException("--param '" + BadInputException.echo(p) + "' is not KEY=VALUE");
            }
            String key = p.substring(0, eq);
            String value = p.substring(eq + 1);
            if (key.startsWith(ADAPTER_PREFIX) && key.length() > ADAPTER_PREFIX.length()) {
                settings.put(key.substring(ADAPTER_PREFIX.length()), value);
                continue;
            }
            if (!Parameters.assign(key, value, overrides)) {
                throw new BadInputException("--param " + BadInputException.echo(key) + ": no chosen scenario takes it (see: faultline list)");
            }
        }
        overrides.forEach((s, o) -> Parameters.resolve(s.name(), Budget.parametersOf(s), o));
        return overrides;
    }
}
