package dev.faultline.scenarios;

import dev.faultline.check.AcknowledgedWritesChecker;
import dev.faultline.check.AvailabilityChecker;
import dev.faultline.check.Checker;
import dev.faultline.check.HealthChecker;
import dev.faultline.check.ReadsChecker;
import dev.faultline.engine.Instance;
import dev.faultline.engine.ParameterSpec;
import dev.faultline.engine.Parameters;
import dev.faultline.engine.RunContext;
import dev.faultline.engine.Scenario;
import dev.faultline.load.LoadModel;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Incident 003: a service answered 202 for 150 events and none became queryable. Each form it
 * lists is played: written through one instance and queried through another that was already
 * running (the query side never sees them); buffered and never flushed (the events must survive a
 * restart after flush); dropped on buffer overflow (a burst far beyond a 1,000-event buffer, in
 * batch requests where the adapter takes batches).
 */
public final class SilentLossScenario implements Scenario {
    static final String COLLECTION = "audit-events";

    @Override
    public String name() {
        return "silent-loss";
    }

    @Override
    public List<String> incidents() {
        return List.of("003_548bb7b6adec85a8");
    }

    @Override
    public String summary() {
        return "accepted but never queryable: 150 events read from another running instance, then a 2,500-event overflow burst; all must be queryable";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(
                ParameterSpec.integer("events", 150, 1, 1_000_000, "events of the first batch (incident 003: 150)"),
                ParameterSpec.integer("overflowBurst", 2500, 1, 10_000_000, "events released at once to overflow a buffer (incident: 1,000)"),
                ParameterSpec.integer("burstBatch", 500, 1, 1_000_000, "events per request in the burst, for adapters that take batches (an HTTP batch API)"),
                ParameterSpec.integer("valueBytes", 512, 1, 16 * 1024 * 1024, "size of each event"),
                ParameterSpec.integer("visibilityBoundMs", 2000, 0, 3_600_000, "how long after flush the query instance may take to see an event"));
    }

    @Override
    public void run(RunContext ctx) throws Exception {
        Parameters p = ctx.parameters();
        Instance writer = ctx.open(0);
        // The query side: started before any event arrives, as a service's read path is.
        Instance query = ctx.capabilities().multiProcess() ? ctx.open(1) : writer;
        SplittableRandom random = ctx.random(0);
        int valueBytes = p.intValue("valueBytes");
        int events = p.intValue("events");
        ctx.load("load", LoadModel.Closed.counted(1, events), (w, sequence, intended) ->
                writer.put(COLLECTION, "event-" + (sequence >> 20), RunContext.value(random, valueBytes)));
        int n = events;
        writer.flush();
        ctx.addCheck(Visibility.check(ctx, query, COLLECTION, p.longValue("visibilityBoundMs")).withChecker("visibility after the first batch"));

        ctx.progress("overflow burst of " + p.intValue("overflowBurst") + " events");
        if (writer.writesBatches()) {
            // A batch API takes the burst in a few requests, faster than any buffer drains.
            Map<String, String> batch = new LinkedHashMap<>();
            for (int i = 0; i < p.intValue("overflowBurst"); i++, n++) {
                batch.put("event-" + n, RunContext.value(random, valueBytes));
                if (batch.size() == p.intValue("burstBatch") || i == p.intValue("overflowBurst") - 1) {
                    writer.putAll(COLLECTION, batch);
                    batch.clear();
                }
            }
        } else {
            int first = n;
            ctx.load("burst", new LoadModel.Bursts(List.of(new LoadModel.Bursts.Burst(Duration.ZERO, p.intValue("overflowBurst"))), 1),
                    (w, sequence, intended) -> writer.put(COLLECTION, "event-" + (first + sequence),
                            RunContext.value(random, valueBytes), ctx.history().at(intended)));
        }
        writer.flush();
        ctx.addCheck(Visibility.check(ctx, query, COLLECTION, p.longValue("visibilityBoundMs")).withChecker("visibility after the overflow burst"));
    }

    @Override
    public List<Checker> checkers(Parameters p) {
        return List.of(new AcknowledgedWritesChecker(), new ReadsChecker(), new HealthChecker(), new AvailabilityChecker(0));
    }
}
