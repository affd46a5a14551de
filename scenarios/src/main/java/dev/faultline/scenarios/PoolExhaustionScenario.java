package dev.faultline.scenarios;

import dev.faultline.check.AcknowledgedWritesChecker;
import dev.faultline.check.CheckResult;
import dev.faultline.check.Checker;
import dev.faultline.check.FailureKind;
import dev.faultline.check.HealthChecker;
import dev.faultline.check.ReadsChecker;
import dev.faultline.engine.Instance;
import dev.faultline.engine.OpKind;
import dev.faultline.engine.Operation;
import dev.faultline.engine.ParameterSpec;
import dev.faultline.engine.Parameters;
import dev.faultline.engine.RunContext;
import dev.faultline.engine.Scenario;
import dev.faultline.load.LoadModel;
import dev.faultline.fault.Pacing;
import dev.faultline.spi.Outcome;
import eu.rekawek.toxiproxy.model.ToxicDirection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Incident 003, hypothesis E: connection pool exhaustion, where writes "queue indefinitely".
 * Many clients against a slow database, then a database that stops answering (its connections
 * stay open, data goes nowhere: Toxiproxy's timeout toxic) for longer than the wait bound. Every
 * operation must answer, success or loud error, within the bound; nothing acknowledged may be
 * lost; once the database answers again, so must the store.
 */
public final class PoolExhaustionScenario implements Scenario {
    static final String COLLECTION = "audit-events";

    @Override
    public String name() {
        return "pool-exhaustion";
    }

    @Override
    public List<String> incidents() {
        return List.of("003_548bb7b6adec85a8");
    }

    @Override
    public String summary() {
        return "24 clients, 200 ms database, then a 15 s stall: every operation answers within 10 s (loud errors allowed), recovery after";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(
                ParameterSpec.integer("clients", 24, 1, 1024, "concurrent client instances, each writing and reading its older events"),
                ParameterSpec.integer("latencyMs", 200, 0, 600_000, "latency on the database link throughout"),
                ParameterSpec.integer("stallAfterMs", 1000, 0, 3_600_000, "when the database stops answering"),
                ParameterSpec.integer("stallMs", 15_000, 0, 3_600_000, "how long it stays silent (longer than the wait bound)"),
                ParameterSpec.integer("waitBoundMs", 10_000, 1, 3_600_000, "objective: every operation answers within this"),
                ParameterSpec.integer("valueBytes", 256, 1, 16 * 1024 * 1024, "size of each event"));
    }

    @Override
    public void run(RunContext ctx) throws Exception {
        Parameters p = ctx.parameters();
        Instance probe = ctx.open(0);
        ctx.requireMultiProcess();
        int clients = p.intValue("clients");
        List<Instance> instances = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            instances.add(ctx.open(c + 1));
        }
        ctx.network().latency(ToxicDirection.DOWNSTREAM, p.longValue("latencyMs"), 0);
        long stallAt = System.nanoTime() + p.longValue("stallAfterMs") * 1_000_000;
        long end = stallAt + p.longValue("stallMs") * 1_000_000;
        ctx.progress(clients + " clients; the database stalls after " + p.longValue("stallAfterMs") + " ms for " + p.longValue("stallMs") + " ms");
        List<SplittableRandom> randoms = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            randoms.add(ctx.random(c));
        }
        // the clients, busy until the stall is over, beside the nemesis that stalls and heals the database
        ctx.parallel(2, actor -> {
            if (actor == 1) {
                sleepUntil(stallAt);
                String stall = ctx.network().timeout(ToxicDirection.UPSTREAM, 0);
                sleepUntil(end);
                ctx.network().remove(stall);
                return;
            }
            ctx.load("load", new LoadModel.Closed(clients, Duration.ofNanos(end - System.nanoTime())), (c, sequence, intended) -> {
                long i = sequence >> 20;
                Instance client = instances.get(c);
                Outcome put = client.put(COLLECTION, "c" + c + "-event-" + i, RunContext.value(randoms.get(c), p.intValue("valueBytes")));
                // an older event of its own: by then in the database, so the read needs a connection
                client.get(COLLECTION, "c" + c + "-event-" + i / 2);
                return put;
            });
        });
        ctx.addCheck(boundedWaits(ctx, p.longValue("waitBoundMs")));
        ctx.addCheck(recovered(ctx, probe, p.longValue("waitBoundMs")));
    }

    private static void sleepUntil(long deadline) throws InterruptedException {
        if (!Pacing.parkUntil(deadline)) {
            throw new InterruptedException();
        }
    }

    /** Every operation answered, success or loud error, within the bound. */
    private static CheckResult boundedWaits(RunContext ctx, long boundMillis) {
        List<Operation> ops = ctx.history().workload().stream()
                .filter(o -> o.kind() == OpKind.PUT || o.kind() == OpKind.GET).toList();
        List<Operation> tooLong = ops.stream().filter(o -> o.outcome() == null || o.latencyNanos() > boundMillis * 1_000_000).toList();
        long loud = ops.stream().filter(Operation::failedLoudly).count();
        double slowest = ops.stream().mapToLong(Operation::latencyNanos).max().orElse(0) / 1e6;
        ctx.figure("slowestOperationMs", slowest);
        ctx.figure("loudErrorsDuringStall", loud);
        return tooLong.isEmpty()
                ? CheckResult.pass("bounded waits", ops.size() + " operations answered within " + boundMillis + " ms (slowest "
                        + Math.round(slowest) + " ms, " + loud + " loud errors)")
                : CheckResult.fail("bounded waits", FailureKind.HUNG, tooLong.size() + " of " + ops.size()
                        + " operations waited longer than " + boundMillis + " ms (slowest " + Math.round(slowest) + " ms)",
                        tooLong.stream().map(Operation::describe).toList());
    }

    /** Once the database answers again, a write and its read succeed within the bound. */
    private static CheckResult recovered(RunContext ctx, Instance probe, long boundMillis) throws InterruptedException {
        long deadline = System.nanoTime() + boundMillis * 1_000_000;
        Outcome last;
        do {
            last = probe.put(COLLECTION, "after-the-stall", "recovered");
            if (last.isOk() && (last = probe.get(COLLECTION, "after-the-stall")).isOk()) {
                return CheckResult.pass("recovery", "a write and a read succeeded after the database came back");
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        return CheckResult.fail("recovery", FailureKind.UNAVAILABLE,
                "still failing " + boundMillis + " ms after the database came back: " + last, List.of());
    }

    @Override
    public List<Checker> checkers(Parameters p) {
        return List.of(new AcknowledgedWritesChecker(), new ReadsChecker(), new HealthChecker());
    }
}
