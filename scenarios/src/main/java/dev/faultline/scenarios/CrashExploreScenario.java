package dev.faultline.scenarios;

import dev.faultline.check.CheckResult;
import dev.faultline.check.Checker;
import dev.faultline.engine.Budget;
import dev.faultline.engine.History;
import dev.faultline.engine.Instance;
import dev.faultline.engine.Operation;
import dev.faultline.engine.ParameterSpec;
import dev.faultline.engine.Parameters;
import dev.faultline.engine.ProgressMeter;
import dev.faultline.engine.RunContext;
import dev.faultline.engine.Scenario;
import dev.faultline.engine.ScenarioSkipped;
import dev.faultline.engine.Shard;
import dev.faultline.fault.Errno;
import dev.faultline.fault.FaultController;
import dev.faultline.fault.FaultRule;
import dev.faultline.fault.IoOp;
import dev.faultline.fault.crash.CrashExplorer;
import dev.faultline.fault.crash.CrashPoint;
import dev.faultline.fault.crash.CrashState;
import dev.faultline.fault.crash.PersistenceModel;
import dev.faultline.fault.crash.Trace;
import dev.faultline.fault.os.Strace;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Incidents 000 and 002, explored rather than sampled (ALICE, OSDI 2014; CrashMonkey, OSDI 2018):
 * a small workload's file-system operations are recorded, and at every durability boundary
 * (each fsync, rename, unlink, acknowledgement) every crash state the persistence model allows
 * (or a seeded sample where they are many) is written out as a directory, opened by a fresh
 * instance, and judged: what was acknowledged durable by then is there, nothing is torn, health
 * is honest. One force fails with EIO on the way, so a store that retries fsync and acknowledges
 * is judged too (fsyncgate). A store that rightly refuses to write after that failure would leave
 * the rest of the workload unexplored, so when operations failed the workload is recorded again
 * without the failure and its states are checked too. The verdict names the smallest failing state.
 */
public final class CrashExploreScenario implements Scenario {
    static final String NAME = "crash-explore";
    /** Failing states checked before the exploration stops: the smallest is among the first. */
    private static final int ENOUGH_FAILURES = 25;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> incidents() {
        return List.of("000_dd760f200c178de2", "002_e9ea86e380ed0d02");
    }

    @Override
    public String summary() {
        return "record a small workload's file-system operations; check every crash state the persistence model allows at each fsync, rename and acknowledgement";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(
                ParameterSpec.integer("writes", 16, 1, 10_000, "puts, over a few keys per collection so some overwrite others; every 5th is followed by a delete"),
                ParameterSpec.integer("collections", 2, 1, 100, "collections written (each a new directory for most stores)"),
                ParameterSpec.integer("valueBytes", 700, 1, 1024 * 1024, "size of each value (over a sector, so writes can tear)"),
                ParameterSpec.integer("flushEvery", 4, 1, 1_000_000, "a flush after this many puts (and one at the end), so flush-durable stores commit several times"),
                ParameterSpec.integer("failForce", 5, 0, 1_000_000, "the Nth fsync fails with EIO, once (0: none; for a process adapter, by strace's injection)"),
                ParameterSpec.integer("states", 2000, 1, 10_000_000, "crash states checked at most"),
                ParameterSpec.integer("statesPerPoint", 24, 1, 100_000, "crash states checked at most per crash point"),
                ParameterSpec.integer("between", 8, 0, 100_000, "crash points between durability boundaries, chosen by the seed"),
                new ParameterSpec("model", "posix", "persistence model: posix (what POSIX promises) or ext4-ordered", PersistenceModel::parse),
                new ParameterSpec("replay", "", "check only this state, POINT.STATE (or nofail:POINT.STATE) as the evidence names it (empty: explore)", text -> text.trim()));
    }

    @Override
    public Duration defaultBudget() {
        return Duration.ofMinutes(2);
    }

    /** Under {@code --shard K/N} each shard records the same workload and checks every N-th crash state. */
    @Override
    public boolean splitsTrials() {
        return true;
    }

    @Override
    public void run(RunContext ctx) throws Exception {
        if (ctx.hasNetwork()) {
            // a crash state would pair the files at its point with the database as the whole workload left it
            throw new ScenarioSkipped("the adapter keeps its data in a database, which crash states do not include: they are"
                    + " written out after the workload, when the database already holds what came after them"
                    + " (crash-recovery crashes such a store mid-write instead)");
        }
        Parameters p = ctx.parameters();
        int failForce = p.intValue("failForce");
        String replay = p.value("replay", String.class);
        if (replay.startsWith(WITHOUT_FAILURE)) {
            Recording clean = record(ctx, 0, AGAIN);
            conclude(ctx, clean, null, explore(ctx, clean, WITHOUT_FAILURE, p.intValue("states")));
            return;
        }
        Recording recorded = record(ctx, failForce, "c");
        Explored explored = explore(ctx, recorded, "", p.intValue("states"));
        long refused = recorded.refusedAfterTheFailure();
        int statesLeft = (int) Math.max(0, p.intValue("states") - explored.considered);
        if (failForce == 0 || refused == 0 || !replay.isEmpty() || explored.smallest != null || explored.outOfTime || statesLeft == 0) {
            conclude(ctx, recorded, explored, null);
            return;
        }
        // A store that rightly refuses to write after a failed fsync leaves the rest of the workload
        // unexplored (a journal poisoned at the 5th fsync covered one put): record it again without the failure.
        ctx.progress(refused + " more operations failed after the one whose fsync failed;"
                + " the workload is recorded again without it, so the crash states of the rest are explored too");
        ctx.emptyRoot();
        Recording clean = record(ctx, 0, AGAIN);
        conclude(ctx, recorded, explored, explore(ctx, clean, WITHOUT_FAILURE, statesLeft));
    }

    /** Prefix of the crash states of the recording without a failed fsync, in evidence and {@code replay}. */
    private static final String WITHOUT_FAILURE = "nofail:";
    /** Prefix of that recording's collections ({@link #workload}). */
    private static final String AGAIN = "n";

    /** The workload's file-system operations and its operations as the history holds them. */
    private record Recording(Trace trace, List<Operation> workload, int failForce) {
        /** Operations that failed after the first failed one: the store refused to go on (rightly, or not). */
        long refusedAfterTheFailure() {
            long firstFailureEnded = workload.stream().filter(Operation::failedLoudly).mapToLong(Operation::endNanos).min().orElse(Long.MAX_VALUE);
            return workload.stream().filter(o -> o.failedLoudly() && o.startNanos() >= firstFailureEnded).count();
        }
    }

    /** Runs the workload on the run's (empty) root, recording what it does to the file system, the {@code failForce}-th force failing. */
    private static Recording record(RunContext ctx, int failForce, String collectionPrefix) throws Exception {
        long from = ctx.history().now();
        Trace trace;
        Instance writer;
        if (ctx.inProcess()) {
            FaultController controller = ctx.faults();
            if (failForce > 0) {
                controller.add(FaultRule.on(IoOp.FORCE).fail(Errno.EIO).afterSkipping(failForce - 1).times(1).named("fsync-eio"));
            }
            trace = controller.startTrace(ctx.history()::now);
            writer = ctx.open(0);
            workload(ctx, writer, collectionPrefix);
            writer.close();
            controller.healAll();
        } else {
            Strace strace = ctx.os().strace(failForce); // SKIPPED where strace cannot record
            writer = ctx.open(0);
            long started = System.nanoTime();
            workload(ctx, writer, collectionPrefix);
            ctx.figure(collectionPrefix.equals(AGAIN) ? "workloadSecondsUnderStraceWithoutFailure" : "workloadSecondsUnderStrace",
                    Math.round((System.nanoTime() - started) / 1e6) / 1e3);
            writer.close();
            trace = strace.read();
            if (strace.unmodelledCalls() > 0) {
                ctx.progress(strace.unmodelledCalls() + " link/symlink calls recorded but not modelled");
            }
        }
        ctx.progress(trace.events().size() + " file-system operations recorded" + (failForce > 0 ? "" : " (no fsync failing)"));
        List<Operation> workload = ctx.history().workload().stream().filter(o -> o.startNanos() >= from).toList();
        return new Recording(trace, workload, failForce);
    }

    /**
     * Puts over a few keys per collection (so records are replaced), deletes, and flushes (so a
     * failed one is followed by another), in collections {@code collectionPrefix + N}. The
     * recording without a failed fsync writes collections of its own ({@code n0}, ...): its root
     * is emptied first, but whatever a store keeps outside it (a process adapter's own database)
     * is not, and what the first recording left there must not be read as this one's.
     */
    private static void workload(RunContext ctx, Instance writer, String collectionPrefix) {
        Parameters p = ctx.parameters();
        SplittableRandom random = ctx.random(0);
        int writes = p.intValue("writes");
        for (int i = 0; i < writes; i++) {
            String collection = collectionPrefix + (i % p.intValue("collections"));
            writer.put(collection, "k" + (i / p.intValue("collections")) % 3, RunContext.value(random, p.intValue("valueBytes")));
            if (i % 5 == 4) {
                writer.delete(collection, "k" + (i % 3));
            }
            if (i % p.intValue("flushEvery") == p.intValue("flushEvery") - 1) {
                writer.flush();
            }
        }
        writer.flush();
    }

    /**
     * Checks up to {@code maxStates} crash states of one recording, breadth first; state ids are
     * {@code prefix + POINT.STATE}.
     */
    private static Explored explore(RunContext ctx, Recording recording, String prefix, int maxStates) throws Exception {
        Parameters p = ctx.parameters();
        CrashExplorer explorer = new CrashExplorer(recording.trace(), p.value("model", PersistenceModel.class));
        List<Long> acks = recording.workload().stream().filter(Operation::acknowledged).map(Operation::endNanos).toList();
        SplittableRandom random = ctx.random(1);
        List<CrashPoint> points = explorer.at(explorer.points(acks, p.intValue("between"), random));
        String replay = p.value("replay", String.class);
        // breadth first: every point's first states before any point's later ones, so a limit cuts depth, not points
        List<List<CrashState>> statesAt = new ArrayList<>();
        for (CrashPoint point : points) {
            statesAt.add(point.states(p.intValue("statesPerPoint"), random));
        }
        Shard shard = replay.isEmpty() ? ctx.shard() : Shard.WHOLE;
        long toCheck = replay.isEmpty() ? (Math.min(maxStates, statesAt.stream().mapToLong(List::size).sum()) + shard.count() - 1) / shard.count() : 1;
        Explored run = new Explored(ctx, recording.workload(), ctx.meter("crash states" + (prefix.isEmpty() ? "" : " without the failed fsync"), toCheck));
        int deepest = statesAt.stream().mapToInt(List::size).max().orElse(0);
        exploration:
        for (int round = 0; round < deepest; round++) {
            for (int i = 0; i < points.size(); i++) {
                if (round >= statesAt.get(i).size()) {
                    continue;
                }
                if ((replay.isEmpty() && run.considered >= maxStates) || run.failing >= ENOUGH_FAILURES) {
                    break exploration;
                }
                if (ctx.budget().workloadOver()) {
                    run.outOfTime = true;
                    break exploration;
                }
                String id = prefix + points.get(i).index() + "." + round;
                if (replay.isEmpty() ? shard.takes(run.considered++) : replay.equals(id)) {
                    run.check(id, statesAt.get(i).get(round));
                }
            }
            run.roundsDone = round + 1;
        }
        if (run.smallest != null && replay.isEmpty()) {
            // the search stopped early: the smallest failing point's closer states may not have been tried yet
            int at = points.indexOf(run.smallest.state.point());
            List<CrashState> there = statesAt.get(at);
            for (int s = 0; s < there.size() && !ctx.budget().workloadOver(); s++) {
                String id = prefix + points.get(at).index() + "." + s;
                if (!run.tried.contains(id) && there.get(s).distance() < run.smallest.state.distance()) {
                    run.check(id, there.get(s));
                }
            }
        }
        run.deepest = deepest;
        run.coverage = run.checked + " crash states at " + points.size() + " crash points of a trace of "
                + explorer.trace().size() + " operations" + (recording.failForce() > 0 ? "" : " recorded with no fsync failing") + " ("
                + p.value("model", PersistenceModel.class).label() + " model" + (shard.isWhole() ? "" : "; " + shard.describe("state")) + ")";
        ctx.figure(prefix.isEmpty() ? "traceOperations" : "traceOperationsWithoutFailure", explorer.trace().size());
        ctx.figure(prefix.isEmpty() ? "crashPoints" : "crashPointsWithoutFailure", points.size());
        return run;
    }

    /** The verdict from the exploration of the recording with a failed fsync and, when it ran, of the one without. */
    private static void conclude(RunContext ctx, Recording recorded, Explored withFailure, Explored withoutFailure) {
        List<Explored> runs = Stream.of(withFailure, withoutFailure).filter(Objects::nonNull).toList();
        int checked = runs.stream().mapToInt(r -> r.checked).sum();
        int failing = runs.stream().mapToInt(r -> r.failing).sum();
        double minutes = runs.stream().mapToDouble(Explored::elapsedMinutes).sum();
        ctx.figure("statesPerPointChecked", runs.get(0).roundsDone);
        ctx.figure("statesChecked", checked);
        ctx.figure("statesFailing", failing);
        ctx.figure("statesPerMinute", minutes > 0 ? Math.round(checked / minutes) : checked);
        String coverage = runs.get(0).coverage;
        if (withFailure != null && withoutFailure != null) {
            coverage += "; " + recorded.refusedAfterTheFailure() + " more operations failed after the one whose fsync failed, so then "
                    + withoutFailure.coverage;
        }
        Explored last = runs.get(runs.size() - 1);
        Explored failed = runs.stream().filter(r -> r.smallest != null).findFirst().orElse(null);
        if (failed != null) {
            Failure smallest = failed.smallest;
            ctx.addCheck(CheckResult.fail(NAME, smallest.result.kind(), failing + " failing crash states"
                    + (failed.failing >= ENOUGH_FAILURES ? " (the exploration stops there)" : "") + " among " + coverage
                    + "; in the smallest, state " + smallest.id + ": " + smallest.result.summary(), smallest.evidence()));
        } else if (last.outOfTime) {
            ctx.addCheck(CheckResult.unknown(NAME, "the time budget ended the exploration after " + coverage + " (up to "
                    + last.roundsDone + " states per point of up to " + last.deepest + "): raise " + Budget.PARAMETER + " for a verdict"));
        } else {
            ctx.addCheck(CheckResult.pass(NAME, "every one of " + coverage + " recovered what was acknowledged"));
        }
    }

    /** What an exploration has checked so far, and the smallest failing state. */
    private static final class Explored {
        final RunContext ctx;
        final List<Operation> workload;
        final ProgressMeter meter;
        final Set<String> tried = new HashSet<>();
        final long started = System.nanoTime();
        int checked;
        /** States in breadth-first order, the same in every shard (a shard checks every N-th): what {@code states} bounds. */
        long considered;
        int failing;
        Failure smallest;
        boolean outOfTime;
        int roundsDone;
        int deepest;
        String coverage;

        Explored(RunContext ctx, List<Operation> workload, ProgressMeter meter) {
            this.ctx = ctx;
            this.workload = workload;
            this.meter = meter;
        }

        void check(String id, CrashState state) throws Exception {
            tried.add(id);
            CheckResult result = CrashExploreScenario.check(ctx, workload, state);
            checked++;
            meter.advance(1);
            if (result != null) {
                failing++;
                Failure f = new Failure(id, state, result);
                if (smallest == null || f.smallerThan(smallest)) {
                    smallest = f;
                }
            }
        }

        double elapsedMinutes() {
            return (System.nanoTime() - started) / 60e9;
        }
    }

    /** A failing state and why. */
    private record Failure(String id, CrashState state, CheckResult result) {
        boolean smallerThan(Failure other) {
            int byPoint = Integer.compare(state.point().index(), other.state.point().index());
            return byPoint < 0 || byPoint == 0 && state.distance() < other.state.distance();
        }

        List<String> evidence() {
            List<String> lines = new ArrayList<>();
            lines.add("crash state " + id + " (replay: --param replay=" + id + " with the same seed): the crash came after operation #"
                    + state.point().index() + " of the trace; the last ones:");
            state.point().lastEvents(6).forEach(e -> lines.add("  " + e));
            List<String> deviations = state.deviations();
            lines.add(deviations.isEmpty() ? "everything written persisted, in order" : "of what was not yet durable:");
            deviations.stream().limit(8).forEach(d -> lines.add("  " + d));
            if (deviations.size() > 8) {
                lines.add("  ... and " + (deviations.size() - 8) + " more");
            }
            lines.add("then the reopened store:");
            result.evidence().stream().limit(6).forEach(e -> lines.add("  " + e));
            return lines;
        }
    }

    /**
     * Materializes one crash state, opens a fresh instance on it and judges what it reads against
     * the operations acknowledged before the crash; null when every invariant held.
     */
    private static CheckResult check(RunContext ctx, List<Operation> workload, CrashState state) throws Exception {
        History before = new History();
        long crashAt = state.point().atNanos();
        for (Operation o : workload) {
            if (o.startNanos() < crashAt) {
                // an operation still running at the crash never answered: it may or may not have taken effect
                before.record(o.endNanos() <= crashAt ? o : new Operation(o.instance(), o.phase(), o.kind(), o.collection(), o.key(),
                        o.value(), o.intendedNanos(), o.startNanos(), o.endNanos(), null));
            }
        }
        return Reopened.onStoreOfItsOwn(ctx, "crash-state", root -> {
            state.materialize(root);
            return Reopened.firstFailure(ctx, root, before, null, NAME, Reopened.DURABILITY);
        });
    }

    /** Each crash state is judged in {@link #run}; the engine's read-back of the workload's root has nothing to add. */
    @Override
    public List<Checker> checkers(Parameters p) {
        return List.of();
    }
}
