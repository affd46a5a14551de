package dev.faultline.scenarios;

import eu.rekawek.toxiproxy.model.ToxicDirection;
import dev.faultline.check.AcknowledgedWritesChecker;
import dev.faultline.check.AvailabilityChecker;
import dev.faultline.check.CheckResult;
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
import dev.faultline.spi.Outcome;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Incidents 003 and 004: a storage service answered 202 to a burst of 150 events and none became
 * queryable. Bursts of writes are released by the load engine at instants fixed in advance, as
 * clients send them whether or not the store has caught up (each write's latency counts from its
 * burst's release, so queueing shows), over the writer instances; after the storm every writer
 * flushes, and another instance must see every acknowledged write within a bound; then a fresh
 * instance must read them all after restart. Where the adapter stores over the network, its
 * database link gets latency (a database under load), so buffering that does not keep up shows.
 */
public final class WriteStormScenario implements Scenario {
    static final String COLLECTION = "events";

    @Override
    public String name() {
        return "write-storm";
    }

    @Override
    public List<String> incidents() {
        return List.of("003_548bb7b6adec85a8", "004_0387ef3492c0e37a");
    }

    @Override
    public String summary() {
        return "bursts of writes released at set instants (150; then 3 x 100); each acknowledged within 5 s, all visible from another instance after flush";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(
                new ParameterSpec("bursts", "150;100x3", "burst groups: ';' pauses between groups, ',' or NxM back to back", text -> BurstPlan.parse(text)),
                ParameterSpec.integer("pauseMs", 1000, 0, 600_000, "from one burst group's last release to the next group's"),
                ParameterSpec.integer("burstGapMs", 200, 0, 600_000, "between the releases of consecutive bursts in a group"),
                ParameterSpec.integer("writers", 5, 1, 256, "instances the bursts are spread over (1 unless the adapter declares multiProcess)"),
                ParameterSpec.integer("dbLatencyMs", 20, 0, 600_000, "latency on the database link, for adapters with a network backend (incident 004's database under parallel load)"),
                ParameterSpec.integer("valueBytes", 1024, 1, 16 * 1024 * 1024, "size of each event"),
                ParameterSpec.integer("burstDeadlineMs", 5000, 1, 3_600_000, "objective: a whole burst acknowledged within this (incident 004: 150 within 5 s)"),
                ParameterSpec.integer("visibilityBoundMs", 2000, 0, 3_600_000, "how long after flush another instance may take to see a write"),
                ParameterSpec.decimal("allowedFailureShare", 0, 0, 1, "loud failures allowed (none: no fault is injected)"));
    }

    @Override
    public void run(RunContext ctx) throws Exception {
        Parameters p = ctx.parameters();
        BurstPlan plan = p.value("bursts", BurstPlan.class);
        int valueBytes = p.intValue("valueBytes");
        if (ctx.hasNetwork() && p.intValue("dbLatencyMs") > 0) {
            ctx.network().latency(ToxicDirection.DOWNSTREAM, p.intValue("dbLatencyMs"), 0);
        }

        List<Instance> writers = new ArrayList<>(List.of(ctx.open(0)));
        int writerCount = ctx.capabilities().multiProcess() ? p.intValue("writers") : 1;
        ctx.figure("writersUsed", writerCount);
        for (int w = 1; w < writerCount; w++) {
            writers.add(ctx.open(w));
        }
        LoadModel.Bursts bursts = plan.schedule(p.longValue("pauseMs"), p.longValue("burstGapMs"), writerCount);
        ctx.progress(bursts.bursts().size() + " bursts, " + bursts.total() + " writes over " + writerCount + " writers");
        AtomicLongArray released = new AtomicLongArray(bursts.bursts().size());
        AtomicLongArray lastAnswer = new AtomicLongArray(bursts.bursts().size());
        long loadFrom = System.nanoTime();
        ctx.load("load", bursts, (worker, sequence, intended) -> {
            int burst = bursts.burstOf(sequence);
            released.set(burst, intended);
            // the value from the write's own number: which worker takes it does not change what is written
            String value = RunContext.value(ctx.random((int) sequence), valueBytes);
            Outcome answer = writers.get(worker).put(COLLECTION, "event-" + sequence, value, ctx.history().at(intended));
            lastAnswer.accumulateAndGet(burst, System.nanoTime(), Math::max);
            return answer;
        });
        List<Double> burstSeconds = new ArrayList<>();
        for (int b = 0; b < released.length(); b++) {
            burstSeconds.add((lastAnswer.get(b) - released.get(b)) / 1e9);
        }
        for (Instance w : writers) {
            w.flush();
        }
        double slowest = burstSeconds.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        ctx.figure("burstSeconds", burstSeconds);
        ctx.addCheck(ctx.timeObjective("slowest burst acknowledged", List.of(slowest * 1000), p.longValue("burstDeadlineMs"), "ms", loadFrom));
        if (ctx.capabilities().multiProcess()) {
            checkVisibility(ctx, writerCount, p.longValue("visibilityBoundMs"));
        }
    }

    /** Another instance, opened after the flush, must see every acknowledged write within the bound. */
    private void checkVisibility(RunContext ctx, int readerNumber, long boundMillis) throws InterruptedException {
        Instance reader = ctx.open(readerNumber);
        ctx.addCheck(Visibility.check(ctx, reader, COLLECTION, boundMillis));
        reader.close();
    }

    @Override
    public List<Checker> checkers(Parameters p) {
        return List.of(new AcknowledgedWritesChecker(), new ReadsChecker(), new HealthChecker(),
                new AvailabilityChecker(p.doubleValue("allowedFailureShare")));
    }
}
