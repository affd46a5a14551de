package dev.faultline.engine;

import dev.faultline.check.CheckResult;
import dev.faultline.check.Verdict;
import dev.faultline.fault.FaultFileSystems;
import dev.faultline.result.ScenarioResult;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Runs one scenario against one adapter, in the manner of JMH's {@code OptionsBuilder}:
 * <pre>{@code
 * ScenarioResult r = ScenarioRun.of(Catalog.scenarios("multi-writer").get(0))
 *         .adapter(Catalog.builtIn("reference", Map.of()))
 *         .param("writers", "4").seed(42).baseDirectory(dir).run();
 * }</pre>
 * The run directory is deleted after PASS or SKIPPED and kept, with its path in the result, for
 * anything else, so a failure can be looked at.
 */
public final class ScenarioRun {
    public static final long DEFAULT_OPERATION_TIMEOUT_MILLIS = 30_000;

    private final Scenario scenario;
    private AdapterSpec adapter;
    private final Map<String, String> params = new LinkedHashMap<>();
    private long seed = 1;
    private Path baseDirectory;
    private long operationTimeoutMillis = DEFAULT_OPERATION_TIMEOUT_MILLIS;
    private ProgressListener progress = ProgressListener.SILENT;
    private boolean keepData;
    private FaultFileSystems.Flavor filesystem = FaultFileSystems.Flavor.DISK;
    private Duration budgetCap;
    private boolean strictTiming;
    private Shard shard = Shard.WHOLE;
    private Consumer<ScenarioResult> interrupted = r -> { };
    private boolean shrink = true;

    private ScenarioRun(Scenario scenario) {
        this.scenario = Objects.requireNonNull(scenario);
    }

    public static ScenarioRun of(Scenario scenario) {
        return new ScenarioRun(scenario);
    }

    public ScenarioRun adapter(AdapterSpec spec) {
        this.adapter = spec;
        return this;
    }

    public ScenarioRun param(String name, String value) {
        params.put(name, value);
        return this;
    }

    public ScenarioRun params(Map<String, String> values) {
        params.putAll(values);
        return this;
    }

    public ScenarioRun seed(long value) {
        this.seed = value;
        return this;
    }

    /** Where the run directory is made; it must be the harness's own (nothing else is deleted). */
    public ScenarioRun baseDirectory(Path dir) {
        this.baseDirectory = dir;
        return this;
    }

    public ScenarioRun operationTimeoutMillis(long millis) {
        this.operationTimeoutMillis = millis;
        return this;
    }

    public ScenarioRun progress(ProgressListener listener) {
        this.progress = listener;
        return this;
    }

    /**
     * The file system in-process adapters work on: the real disk (default), or Jimfs with Unix,
     * macOS or Windows rules. Process adapters always work on the real disk.
     */
    public ScenarioRun filesystem(FaultFileSystems.Flavor flavor) {
        this.filesystem = flavor;
        return this;
    }

    /**
     * At most this long, whatever the scenario's {@link Budget#PARAMETER} says (the run's share of
     * {@code --max-minutes}).
     */
    public ScenarioRun budgetCap(Duration cap) {
        this.budgetCap = cap;
        return this;
    }

    /**
     * Hears the scenario's UNKNOWN result, with what was seen, should the harness be stopped
     * (SIGTERM, Ctrl-C) while it runs; called from the shutdown hook, before the adapter's
     * processes are killed.
     */
    public ScenarioRun onInterrupt(Consumer<ScenarioResult> listener) {
        this.interrupted = Objects.requireNonNull(listener);
        return this;
    }

    /**
     * A time objective missed while other processes kept the machine busy is SLO_MISS, as
     * measured, instead of UNKNOWN with the machine's state as the reason.
     */
    /** The share of a splitting scenario's trials to run ({@link Scenario#splitsTrials()}); whole by default. */
    public ScenarioRun shard(Shard share) {
        this.shard = Objects.requireNonNull(share);
        return this;
    }

    public ScenarioRun strictTiming(boolean strict) {
        this.strictTiming = strict;
        return this;
    }

    /**
     * After a FAIL of a {@link Shrinkable} scenario, look for the smallest failing run at the same
     * seed within what is left of its budget (default: on).
     */
    public ScenarioRun shrink(boolean on) {
        this.shrink = on;
        return this;
    }

    /** Keeps the run directory whatever the verdict. */
    public ScenarioRun keepData(boolean keep) {
        this.keepData = keep;
        return this;
    }

    public ScenarioResult run() throws IOException {
        Objects.requireNonNull(adapter, "adapter");
        Objects.requireNonNull(baseDirectory, "baseDirectory");
        if (filesystem != FaultFileSystems.Flavor.DISK && !adapter.inProcess()) {
            throw new BadInputException("adapter " + adapter.name() + " runs as a process and can only work on the real disk, not "
                    + filesystem.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        }
        long started = System.nanoTime();
        Path runDir = RunDirectories.create(baseDirectory, scenario.name() + "-" + safe(adapter.name()));
        ScenarioResult result;
        try {
            result = new ScenarioRunner(progress, operationTimeoutMillis, filesystem, strictTiming, shard).run(scenario, adapter, params, seed, runDir,
                    budgetCap, partial -> {
                        RunDirectories.markEnded(runDir, "interrupted");
                        interrupted.accept(partial);
                    });
        } catch (BadInputException e) {
            RunDirectories.markEnded(runDir, "bad input: " + e.getMessage());
            throw e;
        }
        if (!keepData && (result.verdict() == Verdict.PASS || result.verdict() == Verdict.SKIPPED)) {
            RunDirectories.delete(runDir);
            result = result.withRunDirectory(null);
        } else {
            RunDirectories.markEnded(runDir, result.verdict().name());
        }
        if (shrink && result.verdict() == Verdict.FAIL && scenario instanceof Shrinkable shrinkable) {
            long deadline = started + Budget.limit(scenario, params, budgetCap).toNanos();
            ScenarioResult failed = result; // what an interrupt during shrinking reports: the failure, not a smaller attempt
            result = Shrinker.shrink(scenario, shrinkable, result, deadline, progress, (changed, budgetNanos) -> copy()
                    .params(changed).budgetCap(Duration.ofNanos(budgetNanos)).shrink(false).progress(ProgressListener.SILENT)
                    .onInterrupt(partial -> interrupted.accept(failed)).run());
        }
        // the scenario's whole time, as the run's progress lines count it: servers stopped and files deleted included
        return result.withDurationMillis((System.nanoTime() - started) / 1_000_000);
    }

    /** The same run, to change before running it again. */
    private ScenarioRun copy() {
        ScenarioRun c = of(scenario).adapter(adapter).params(params).seed(seed).baseDirectory(baseDirectory)
                .operationTimeoutMillis(operationTimeoutMillis).progress(progress).filesystem(filesystem).budgetCap(budgetCap)
                .strictTiming(strictTiming).shard(shard).keepData(keepData).shrink(shrink);
        c.interrupted = interrupted;
        return c;
    }

    /** The result of a scenario that was not started (a run's budget spent): UNKNOWN with the reason. */
    public ScenarioResult notRun(String reason) {
        Objects.requireNonNull(adapter, "adapter");
        Parameters resolved = Parameters.resolve(scenario.name(), Budget.parametersOf(scenario), params);
        return new ScenarioResult(scenario.name(), scenario.incidents(), adapter.name(), Verdict.UNKNOWN, null, reason, seed,
                resolved.asText(), Map.of(), List.of(new CheckResult("budget", Verdict.UNKNOWN, null, reason, List.of())),
                Map.of(), List.of(), null, 0, null);
    }

    /** A file-name-safe form of an adapter name (a process command may hold any character). */
    static String safe(String name) {
        String s = name.replaceAll("[^A-Za-z0-9._-]+", "_");
        return s.length() > 40 ? s.substring(0, 40) : s;
    }
}
