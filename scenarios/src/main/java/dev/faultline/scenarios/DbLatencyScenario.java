package dev.faultline.scenarios;

import dev.faultline.check.AcknowledgedWritesChecker;
import dev.faultline.check.AvailabilityChecker;
import dev.faultline.check.Checker;
import dev.faultline.check.FailureKind;
import dev.faultline.check.HealthChecker;
import dev.faultline.check.ReadsChecker;
import dev.faultline.engine.Instance;
import dev.faultline.engine.ParameterSpec;
import dev.faultline.engine.Parameters;
import dev.faultline.engine.RunContext;
import dev.faultline.engine.Scenario;
import dev.faultline.load.LoadModel;
import dev.faultline.load.LoadResult;
import eu.rekawek.toxiproxy.model.ToxicDirection;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Incidents 003 and 004: a slow database behind an ingestion service. Latency with jitter on the
 * database link while writers send events; the write SLO may degrade within its bound (incident
 * 004's p95 objective, widened by the injected latency), and events must become queryable from a
 * query instance within incident 003's 5-second window, without a flush: a buffer that does not
 * keep up with a slow database (hypothesis C) shows here.
 */
public final class DbLatencyScenario implements Scenario {
    static final String COLLECTION = "audit-events";

    @Override
    public String name() {
        return "db-latency";
    }

    @Override
    public List<String> incidents() {
        return List.of("003_548bb7b6adec85a8", "004_0387ef3492c0e37a");
    }

    @Override
    public String summary() {
        return "100±50 ms on the database link: put p95 within 1 s, every event queryable within 5 s without a flush";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(
                ParameterSpec.integer("latencyMs", 100, 0, 600_000, "latency added to the database link (each way the toxic is on: downstream)"),
                ParameterSpec.integer("jitterMs", 50, 0, 600_000, "jitter around it"),
                ParameterSpec.integer("writers", 4, 1, 256, "concurrent writer instances"),
                ParameterSpec.integer("eventsPerWriter", 50, 1, 1_000_000, "events each writer sends, one after another"),
                ParameterSpec.integer("valueBytes", 512, 1, 16 * 1024 * 1024, "size of each event"),
                ParameterSpec.integer("putP95BoundMs", 1000, 1, 3_600_000, "objective: put p95 under the latency (incident 004: 235 ms without it)"),
                ParameterSpec.integer("visibilityBoundMs", 5000, 0, 3_600_000, "events queryable within this after the last write (incident 003: the test polled 5 s)"));
    }

    @Override
    public void run(RunContext ctx) throws Exception {
        Parameters p = ctx.parameters();
        Instance query = ctx.open(0); // the query side, running before the events arrive
        ctx.requireMultiProcess();
        ctx.network().latency(ToxicDirection.DOWNSTREAM, p.longValue("latencyMs"), p.longValue("jitterMs"));
        int writers = p.intValue("writers");
        List<Instance> instances = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            instances.add(ctx.open(w + 1));
        }
        ctx.progress(writers + " writers, " + p.intValue("eventsPerWriter") + " events each, through "
                + p.longValue("latencyMs") + "±" + p.longValue("jitterMs") + " ms");
        List<SplittableRandom> randoms = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            randoms.add(ctx.random(w));
        }
        long loadFrom = System.nanoTime();
        LoadResult load = ctx.load("load", LoadModel.Closed.counted(writers, p.intValue("eventsPerWriter")), (w, sequence, intended) ->
                instances.get(w).put(COLLECTION, "w" + w + "-event-" + (sequence >> 20), RunContext.value(randoms.get(w), p.intValue("valueBytes"))));
        ctx.addCheck(Visibility.check(ctx, query, COLLECTION, p.longValue("visibilityBoundMs"), FailureKind.SLO_MISS)
                .withChecker("queryable without flush"));
        double p95Ms = load.latencyMicros().getValueAtPercentile(95) / 1000.0;
        ctx.figure("putP95MsUnderLatency", p95Ms);
        ctx.addCheck(ctx.timeObjective("put p95 under database latency", List.of(p95Ms), p.longValue("putP95BoundMs"), "ms", loadFrom));
    }

    @Override
    public List<Checker> checkers(Parameters p) {
        return List.of(new AcknowledgedWritesChecker(), new ReadsChecker(), new HealthChecker(), new AvailabilityChecker(0));
    }
}
