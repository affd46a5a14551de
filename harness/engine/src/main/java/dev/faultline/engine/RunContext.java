package dev.faultline.engine;

import dev.faultline.backend.NetworkBackend;
import dev.faultline.fault.net.NetworkLink;

import dev.faultline.check.CheckResult;
import dev.faultline.spi.AdapterContext;
import dev.faultline.spi.Capabilities;
import dev.faultline.spi.StorageAdapter;

import dev.faultline.fault.FaultController;
import dev.faultline.fault.FaultFileSystem;
import dev.faultline.fault.FaultFileSystems;
import dev.faultline.load.LoadEngine;
import dev.faultline.load.LoadModel;
import dev.faultline.load.LoadResult;
import dev.faultline.load.LoadTarget;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What a scenario works through: instances of the adapter on the run's root, seeded randomness,
 * the history, progress, and the checks and figures it adds beyond the standard ones.
 */
public final class RunContext implements AutoCloseable {
    private static final char[] VALUE_ALPHABET =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 {}[]:,\"\\/-_.".toCharArray();

    private final String scenario;
    private final AdapterSpec adapter;
    private final Parameters parameters;
    private final long seed;
    private final Path diskRoot;
    private final Path evidenceDir;
    private final FaultFileSystems.Flavor flavor;
    private final List<FaultFileSystem> faultFileSystems = new ArrayList<>();
    private volatile FaultFileSystem faultFs;
    private final OsFaults osFaults;
    private volatile java.util.function.UnaryOperator<List<String>> processWrapper;
    private final Set<String> threadsOutlivingCrashes = new LinkedHashSet<>();
    /** The instances' workers, and the threads adapters start from their calls (one group per run: groups outlive their threads on Java 17). */
    private final ThreadGroup adapterThreads = new ThreadGroup("faultline-adapters");
    /** Kills the adapter's processes if the harness is interrupted mid-run. */
    private final AutoCloseable killProcesses = () -> snapshotInstances().forEach(Instance::abandon);
    private final History history = new History();
    private NetworkBackend backend;
    private NetworkLink networkLink;
    private final ProgressListener progress;
    private final List<Instance> instances = new ArrayList<>();
    private final List<CheckResult> checks = new ArrayList<>();
    private final Map<String, Object> figures = new LinkedHashMap<>();
    private final ScheduledExecutorService watchdog;
    private volatile Phase phase = Phase.WORKLOAD;
    private Capabilities capabilities;
    private final Budget budget;
    private final MachineLoad machine = new MachineLoad();
    private final boolean strictTiming;
    private final Shard shard;
    /** Set by the watchdog when the whole budget was spent and every instance was ended. */
    private volatile boolean stoppedByBudget;
    /** Set by a scenario whose added checks already hold its verdict (a control run that failed). */
    private volatile boolean concluded;

    RunContext(String scenario, AdapterSpec adapter, Parameters parameters, long seed, Path runDir,
               ProgressListener progress, long operationTimeoutMillis, FaultFileSystems.Flavor flavor, Budget budget,
               boolean strictTiming, Shard shard) throws IOException {
        this.scenario = scenario;
        this.shard = shard;
        this.budget = budget;
        this.strictTiming = strictTiming;
        this.adapter = adapter;
        this.parameters = parameters;
        this.seed = seed;
        this.diskRoot = runDir.resolve("data");
        this.evidenceDir = runDir.resolve("evidence");
        this.progress = progress;
        this.flavor = flavor;
        this.osFaults = new OsFaults(this, diskRoot, evidenceDir);
        if (!adapter.inProcess()) {
            Cleanup.register(killProcesses);
        }
        if (flavor != FaultFileSystems.Flavor.DISK) {
            makeFaultFileSystem();
        }
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "faultline-watchdog");
            t.setDaemon(true);
            return t;
        });
        long limitNanos = TimeUnit.MILLISECONDS.toNanos(operationTimeoutMillis);
        MachineLoad.calibrateOnce(runDir);
        machine.sample();
        watchdog.scheduleWithFixedDelay(() -> {
            machine.sample();
            if (budget.over() && !stoppedByBudget) {
                stoppedByBudget = true;
                progress("the budget of " + budget + " is spent: ending every instance");
                snapshotInstances().forEach(Instance::abandon);
            }
            for (Instance i : snapshotInstances()) {
                i.checkHung(limitNanos);
            }
        }, 50, 50, TimeUnit.MILLISECONDS);
    }

    /** The scenario's time budget; {@link #load} stops issuing once the workload's share is spent. */
    public Budget budget() {
        return budget;
    }

    /**
     * The checks added so far are the verdict: the runner neither reads the store back nor runs
     * the scenario's checkers, which would judge a workload that never ran (a failed control run
     * ends the scenario so).
     */
    public void concludeWithAddedChecks() {
        concluded = true;
    }

    boolean concluded() {
        return concluded;
    }

    /** Whether the runner's watchdog ended the scenario because its whole budget was spent. */
    boolean stoppedByBudget() {
        return stoppedByBudget;
    }

    public Parameters parameters() {
        return parameters;
    }

    /**
     * The share of this scenario's trials to run, for a scenario that {@link Scenario#splitsTrials()};
     * {@link Shard#WHOLE} unless the run is sharded.
     */
    public Shard shard() {
        return shard;
    }

    public long seed() {
        return seed;
    }

    /**
     * The storage directory every instance is opened on: on the real disk, or on the fault file
     * system once {@link #faults()} was called (or a Jimfs flavour was chosen).
     */
    public Path root() {
        FaultFileSystem fs = faultFs;
        return fs != null ? fs.root() : diskRoot;
    }

    /**
     * The fault controller for this run's file system. Call it before opening any instance: the
     * instances must work on the fault file system from the start. Skips the scenario for a
     * process adapter, which the JVM's file system cannot reach (it gets OS-level faults).
     */
    public FaultController faults() throws IOException {
        if (!adapter.inProcess()) {
            throw new ScenarioSkipped(adapter.name() + " runs as a separate process, out of reach of the JVM fault file system; "
                    + scenario + " needs in-process file-system faults");
        }
        if (faultFs == null) {
            if (!snapshotInstances().isEmpty()) {
                throw new IllegalStateException("faults() must come before the first open");
            }
            makeFaultFileSystem();
        }
        return faultFs.controller();
    }

    /**
     * Cuts the world: every open instance dies where it stands. In process, the fault file system
     * crashes too (see {@link FaultController#crash()}): unforced writes are lost or torn, and
     * instances opened afterwards see what survived. A process adapter's instances are killed
     * with SIGKILL; what they handed to the operating system stays.
     */
    public void crash() throws IOException {
        if (!adapter.inProcess()) {
            snapshotInstances().forEach(Instance::crash);
            return;
        }
        FaultController controller = faults();
        controller.crash();
        boolean unstoppable = false;
        for (Instance i : snapshotInstances()) {
            unstoppable |= i.crash();
        }
        List<String> leftRunning = unstoppable ? liveAdapterThreads() : List.of();
        if (!leftRunning.isEmpty()) {
            warnOfThreadsOutliving(leftRunning);
        }
        faultFs = faultFs.restarted();
        synchronized (faultFileSystems) {
            faultFileSystems.add(faultFs);
        }
    }

    /**
     * A real crash stops every thread of the process; the harness can stop a Java adapter's own
     * threads only through {@link dev.faultline.spi.Killable}. Those it cannot stop may write on
     * after the crash (a drainer, a background save) and blur the verdict either way, so the run
     * says so, in its progress and as a figure.
     */
    /** Threads the adapter's calls started, still alive: not the instances' workers, not the JVM's common pool. */
    private List<String> liveAdapterThreads() {
        Thread[] found = new Thread[adapterThreads.activeCount() + 16];
        int count = adapterThreads.enumerate(found, true);
        return Arrays.stream(found, 0, count)
                .filter(t -> t.isAlive() && !t.getName().startsWith(Instance.WORKER)) // workers may still be inside the adapter
                .filter(t -> !(t instanceof ForkJoinWorkerThread w && w.getPool() == ForkJoinPool.commonPool()))
                .map(Thread::getName).sorted().toList();
    }

    private synchronized void warnOfThreadsOutliving(List<String> threads) {
        threadsOutlivingCrashes.addAll(threads);
        figure("threadsOutlivingTheCrash", List.copyOf(threadsOutlivingCrashes));
        progress("warning: the adapter's own threads ran on after the simulated crash (" + String.join(", ", threads)
                + "); a real crash would have stopped them: implement dev.faultline.spi.Killable to have them stopped");
    }

    private void makeFaultFileSystem() throws IOException {
        FaultController controller = new FaultController(seed, e -> history.recordFault(e.describe()));
        faultFs = FaultFileSystems.create(flavor, diskRoot, controller);
        synchronized (faultFileSystems) {
            faultFileSystems.add(faultFs);
        }
    }

    /** Operating-system faults: tmpfs, libfiu (checked for at run time, SKIPPED where missing). */
    public OsFaults os() {
        return osFaults;
    }

    /**
     * The network link between the adapter and its PostgreSQL, for toxics. Skips the scenario for
     * an adapter without a network backend.
     */
    public synchronized NetworkLink network() throws IOException {
        if (!adapter.usesPostgres()) {
            throw new ScenarioSkipped("adapter " + adapter.name() + " has no network backend; " + scenario
                    + " puts faults between an adapter and its database (try --adapter reference-http or jdbc)");
        }
        if (networkLink == null) {
            networkLink = backend().link(history::recordFault);
        }
        return networkLink;
    }

    /** Whether the adapter has a network backend whose link {@link #network()} can fault. */
    public boolean hasNetwork() {
        return adapter.usesPostgres();
    }

    /** The run's PostgreSQL behind its proxy, started at the first need; SKIPPED where none can start. */
    private synchronized NetworkBackend backend() {
        if (backend == null) {
            Path runDir = diskRoot.getParent();
            try {
                // absolute: initdb and the server are given this path, and the reclaim finds them by it
                Path dataDir = runDir.resolve("postgres").toAbsolutePath().normalize();
                try {
                    RunDirectories.recordProcessesNaming(runDir, dataDir); // initdb, pg_ctl, the server
                } catch (IOException e) {
                    progress("could not record the PostgreSQL processes: " + e.getMessage());
                }
                backend = NetworkBackend.start(dataDir, seed, adapter.settings(), this::progress);
            } catch (Exception e) {
                throw new ScenarioSkipped("no PostgreSQL could be started or reached for " + adapter.name() + ": " + e);
            }
            Cleanup.register(backend); // stopped on SIGTERM/Ctrl-C too
            figure("backend", backend.description());
        }
        return backend;
    }

    /** The settings an instance opens with: the adapter's, plus its backend's where it has one. */
    private Map<String, String> instanceSettings() {
        if (!adapter.usesPostgres()) {
            return adapter.settings();
        }
        Map<String, String> settings = new LinkedHashMap<>(adapter.settings());
        settings.putAll(backend().adapterSettings());
        return settings;
    }

    /** Process instances opened from now on start under this wrapper (libfiu's fiu-run). */
    void wrapProcesses(java.util.function.UnaryOperator<List<String>> wrapper) {
        processWrapper = wrapper;
    }

    /** Before the read-back: every fault healed, so the fresh instance reads what the store kept. */
    void healFaults() throws IOException {
        FaultFileSystem fs = faultFs;
        if (fs != null) {
            fs.controller().healAll();
        }
        NetworkLink link;
        synchronized (this) {
            link = networkLink;
        }
        if (link != null) {
            link.heal();
        }
    }

    public History history() {
        return history;
    }

    /**
     * Opens instance {@code number} on the root. The first open fixes the declared capabilities.
     */
    public Instance open(int number) {
        StorageAdapter created = adapter.factory().create(number, evidenceDir);
        Instance instance = new Instance(number, created, history, () -> phase, adapterThreads);
        var wrapper = processWrapper;
        if (wrapper != null) {
            instance.process().ifPresent(p -> p.wrapCommand(wrapper));
        }
        synchronized (instances) {
            instances.add(instance);
        }
        recordProcess(instance);
        Capabilities declared = instance.open(new AdapterContext(root(), number, instanceSettings()));
        synchronized (this) {
            if (capabilities == null) {
                capabilities = declared;
            }
        }
        return instance;
    }

    /**
     * Opens an instance on another root, recording into another history: for scenarios made of
     * many small trials, each on a store of its own (io-error-sweep). Watched for hangs and closed
     * with the run like any other instance.
     */
    public Instance openDetached(Path trialRoot, History trialHistory, int number) {
        StorageAdapter created = adapter.factory().create(number, evidenceDir);
        Instance instance = new Instance(number, created, trialHistory, () -> Phase.WORKLOAD, adapterThreads);
        synchronized (instances) {
            instances.add(instance);
        }
        instance.open(new AdapterContext(trialRoot, number, instanceSettings()));
        return instance;
    }

    /**
     * A fresh, empty directory {@code name} inside the run directory (emptied if it exists), for
     * scenarios that write out stores of their own for a process adapter to open.
     */
    public Path freshDirectory(String name) throws IOException {
        Path dir = diskRoot.resolveSibling(name);
        if (Files.exists(dir)) {
            deleteContents(dir);
        }
        return Files.createDirectories(dir);
    }

    /** Empties the storage directory ({@link #root()}), for a scenario that runs a second workload on it from scratch. */
    public void emptyRoot() throws IOException {
        deleteContents(root());
    }

    /** Deletes what {@code dir} holds, keeping {@code dir}; never follows a link out of it. */
    private static void deleteContents(Path dir) throws IOException {
        try (java.util.stream.Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).filter(p -> !p.equals(dir)).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Whether instances run in this JVM (the fault file system reaches them) or as processes. */
    public boolean inProcess() {
        return adapter.inProcess();
    }

    /** Notes the instance's process in the run directory the moment it starts, for a reclaim after SIGKILL. */
    private void recordProcess(Instance instance) {
        instance.process().ifPresent(p -> p.whenStarted(pid -> {
            try {
                RunDirectories.recordProcess(diskRoot.getParent(), pid);
            } catch (IOException e) {
                progress("could not record the process of instance " + instance.number() + ": " + e.getMessage());
            }
        }));
    }

    /** What the adapter declared at its first open; null before any open. */
    public synchronized Capabilities capabilities() {
        return capabilities;
    }

    /** Skips the scenario unless the adapter declared that several instances may share a root. */
    public void requireMultiProcess() {
        if (!capabilities().multiProcess()) {
            throw new ScenarioSkipped("adapter " + adapter.name() + " does not declare multiProcess; "
                    + scenario + " needs several instances on one directory");
        }
    }

    /** A random stream for one actor (writer, reader), so interleaving never changes what it does. */
    public SplittableRandom random(int stream) {
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + stream);
    }

    /** A value of {@code length} characters, JSON-hostile characters included, from {@code random}. */
    public static String value(SplittableRandom random, int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = VALUE_ALPHABET[random.nextInt(VALUE_ALPHABET.length)];
        }
        return new String(chars);
    }

    @FunctionalInterface
    public interface Task {
        void run(int index) throws Exception;
    }

    /** Runs {@code count} tasks at once and waits for all; the first failure is rethrown. */
    public void parallel(int count, Task task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count, r -> {
            Thread t = new Thread(r, "faultline-" + scenario + "-actor");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    task.run(index);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    futures.forEach(other -> other.cancel(true));
                    if (e.getCause() instanceof Exception ex) {
                        throw ex;
                    }
                    throw e;
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    public void progress(String message) {
        progress.progress(scenario + " on " + adapter.name() + ": " + message);
    }

    /** A meter for a long phase: a progress line every few seconds with done/total and an ETA. */
    public ProgressMeter meter(String what, long total) {
        return new ProgressMeter(what, total, this::progress);
    }

    /**
     * Judges a time objective on the median of {@code measured} (see {@link dev.faultline.check.Timing}):
     * a miss while other processes kept the machine busy since {@code sinceNanos} is UNKNOWN with
     * that reason, unless the run asked for strict timing.
     */
    public CheckResult timeObjective(String name, List<Double> measured, double bound, String unit, long sinceNanos) {
        return dev.faultline.check.Timing.objective(name, measured, bound, unit, machine.overloadedSince(sinceNanos), strictTiming);
    }

    /** The machine's state over the scenario, for the result. */
    Map<String, Object> machine() {
        return machine.describe(Long.MIN_VALUE);
    }

    /** Adds a scenario-specific judgement (a visibility bound, an SLO) to the standard checkers'. */
    public synchronized void addCheck(CheckResult check) {
        checks.add(check);
    }

    /** Keeps a figure for the result and the baseline. */
    public synchronized void figure(String name, Object value) {
        figures.put(name, value);
    }

    /**
     * Drives a workload through the load engine (latency from each operation's due time,
     * throughput per second, errors by kind) and keeps its figures under {@code figure}. A store's
     * errors come back as outcomes; an exception (an adapter that hung or crashed, a broken
     * protocol) ends the workload and is thrown here, for the runner to judge, as from
     * {@link #parallel}.
     */
    public LoadResult load(String figure, LoadModel model, LoadTarget target) throws InterruptedException {
        return load(figure, model, target, () -> false);
    }

    /**
     * As {@link #load(String, LoadModel, LoadTarget)}, stopping early when {@code enough} says so
     * (a bound already crossed) or the workload's share of the budget is spent; the result says
     * whether it stopped early.
     */
    public LoadResult load(String figure, LoadModel model, LoadTarget target, java.util.function.BooleanSupplier enough)
            throws InterruptedException {
        LoadResult result = LoadEngine.run(model, target, e -> true, () -> budget.workloadOver() || enough.getAsBoolean());
        if (result.stoppedEarly() && budget.workloadOver()) {
            progress(figure + ": stopped after " + result.operations() + " operations, the workload's share of the budget (" + budget + ") spent");
        }
        figure(figure, result.figures());
        return result;
    }

    synchronized List<CheckResult> addedChecks() {
        return List.copyOf(checks);
    }

    synchronized Map<String, Object> addedFigures() {
        return new LinkedHashMap<>(figures);
    }

    void enterVerifyPhase() {
        phase = Phase.VERIFY;
    }

    AdapterSpec adapter() {
        return adapter;
    }

    String scenarioName() {
        return scenario;
    }

    List<Instance> snapshotInstances() {
        synchronized (instances) {
            return List.copyOf(instances);
        }
    }

    int nextInstanceNumber() {
        return snapshotInstances().stream().mapToInt(Instance::number).max().orElse(-1) + 1;
    }

    /** Closes every instance still open; one that failed or will not close is abandoned. */
    void closeInstances() {
        for (Instance i : snapshotInstances()) {
            try {
                i.close();
            } catch (RuntimeException e) {
                i.abandon();
            }
        }
    }

    @Override
    public void close() {
        try {
            closeInstances();
            snapshotInstances().forEach(Instance::releaseIfHung);
        } finally {
            watchdog.shutdownNow();
            Cleanup.unregister(killProcesses);
            NetworkBackend started;
            synchronized (this) {
                started = backend;
                backend = null;
            }
            if (started != null) {
                Cleanup.unregister(started);
                try {
                    started.close();
                } catch (Exception e) {
                    progress("could not release the network backend: " + e.getMessage());
                }
            }
            try {
                osFaults.close();
            } catch (IOException e) {
                progress("could not undo an operating-system fault: " + e.getMessage());
            }
            synchronized (faultFileSystems) {
                for (FaultFileSystem fs : faultFileSystems) {
                    try {
                        fs.close();
                    } catch (IOException e) {
                        progress("could not close the fault file system: " + e.getMessage());
                    }
                }
            }
        }
    }
}
