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
import dev.faultline.load.LoadResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Incident 004: audit writes under sustained load, judged against its objective (write p99 under
 * 450 ms) and tracked against a baseline by the release gate. Writers put events (and read one
 * back now and then) through the load engine, either as fast as the store answers (closed model)
 * or at a set rate (open model, latency from when each write was due).
 */
public final class SustainedLoadScenario implements Scenario {
    static final String COLLECTION = "audit";

    @Override
    public String name() {
        return "sustained-load";
    }

    @Override
    public List<String> incidents() {
        return List.of("004_0387ef3492c0e37a");
    }

    @Override
    public String summary() {
        return "4 writers for 3 s, as fast as the store answers (or --param rate=N per second): write p99 within 450 ms, every write kept";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(
                ParameterSpec.integer("writers", 4, 1, 256, "writer instances (1 unless the adapter declares multiProcess)"),
                ParameterSpec.integer("seconds", 3, 1, 86_400, "how long the load lasts"),
                ParameterSpec.integer("rate", 0, 0, 10_000_000, "operations per second across writers (open model); 0: closed model"),
                ParameterSpec.integer("valueBytes", 1024, 1, 16 * 1024 * 1024, "size of each event"),
                ParameterSpec.decimal("readShare", 0.1, 0, 1, "share of operations that read back an earlier event"),
                ParameterSpec.integer("p99BoundMs", 450, 1, 3_600_000, "objective: write p99 (incident 004: 450 ms)"));
    }

    @Override
    public void run(RunContext ctx) throws Exception {
        Parameters p = ctx.parameters();
        List<Instance> writers = new ArrayList<>(List.of(ctx.open(0)));
        int count = ctx.capabilities().multiProcess() ? p.intValue("writers") : 1;
        for (int w = 1; w < count; w++) {
            writers.add(ctx.open(w));
        }
        List<SplittableRandom> randoms = new ArrayList<>();
        for (int w = 0; w < count; w++) {
            randoms.add(ctx.random(w));
        }
        Duration duration = Duration.ofSeconds(p.longValue("seconds"));
        LoadModel model = p.intValue("rate") > 0
                ? LoadModel.Open.constant(p.intValue("rate"), duration, count)
                : new LoadModel.Closed(count, duration);
        ctx.progress(model instanceof LoadModel.Open ? p.intValue("rate") + " writes/s over " + count + " writers for " + duration.toSeconds() + " s"
                : count + " writers as fast as the store answers for " + duration.toSeconds() + " s");
        int valueBytes = p.intValue("valueBytes");
        double readShare = p.doubleValue("readShare");
        long[] written = new long[count]; // each worker touches only its own slot
        long loadFrom = System.nanoTime();
        LoadResult load = ctx.load("load", model, (worker, sequence, intended) -> {
            Instance writer = writers.get(worker);
            SplittableRandom random = randoms.get(worker);
            if (written[worker] > 0 && random.nextDouble() < readShare) {
                return writer.get(COLLECTION, "w" + worker + "-" + random.nextLong(written[worker]));
            }
            // a late write keeps the time it was due
            return writer.put(COLLECTION, "w" + worker + "-" + written[worker]++, RunContext.value(random, valueBytes),
                    ctx.history().at(intended));
        });
        ctx.figure("operationsPerSecond", Math.round(load.operationsPerSecond() * 1000) / 1000.0);
        for (Instance w : writers) {
            w.flush();
        }
        ctx.addCheck(ctx.timeObjective("write p99", List.of(load.latencyMicros().getValueAtPercentile(99) / 1000.0), p.longValue("p99BoundMs"), "ms", loadFrom));
    }

    @Override
    public List<Checker> checkers(Parameters p) {
        return List.of(new AcknowledgedWritesChecker(), new ReadsChecker(), new HealthChecker(), new AvailabilityChecker(0));
    }
}
