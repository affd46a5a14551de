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
import dev.faultline.spi.Outcome;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Incident 000: several editor windows, each with its own store instance on one directory, saving
 * at once. The legacy store's shared {@code .tmp} name made renames fail with ENOENT and tore the
 * JSON; its per-window state made windows overwrite each other's saves.
 *
 * <p>Each writer puts its own keys and, now and then, one of a few keys every writer shares, and
 * reads back keys it wrote earlier. Then every writer flushes and closes, and a fresh instance must
 * read everything acknowledged; without a fault no operation may fail.
 */
public final class MultiWriterScenario implements Scenario {
    static final String COLLECTION = "watch";

    @Override
    public String name() {
        return "multi-writer";
    }

    @Override
    public List<String> incidents() {
        return List.of("000_dd760f200c178de2");
    }

    @Override
    public String summary() {
        return "10 instances write one directory at once (own and shared keys, with reads); nothing acknowledged may be lost or torn";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(
                ParameterSpec.integer("writers", 10, 2, 256, "instances writing the one directory at once (incident 000: 10 windows)"),
                ParameterSpec.integer("keysPerWriter", 50, 1, 1_000_000, "distinct keys each writer puts"),
                ParameterSpec.integer("sharedKeys", 10, 0, 10_000, "keys every writer also puts (overlapping writes)"),
                ParameterSpec.integer("valueBytes", 512, 1, 16 * 1024 * 1024, "size of each value"),
                ParameterSpec.decimal("readShare", 0.3, 0, 1, "reads of an own earlier key per put"),
                ParameterSpec.decimal("allowedFailureShare", 0, 0, 1, "loud failures allowed (none: no fault is injected)"));
    }

    @Override
    public void run(RunContext ctx) throws Exception {
        Parameters p = ctx.parameters();
        int writers = p.intValue("writers");
        int keys = p.intValue("keysPerWriter");
        int shared = p.intValue("sharedKeys");
        int valueBytes = p.intValue("valueBytes");
        double readShare = p.doubleValue("readShare");

        Instance first = ctx.open(0);
        ctx.requireMultiProcess();
        List<Instance> instances = new ArrayList<>(List.of(first));
        for (int w = 1; w < writers; w++) {
            instances.add(ctx.open(w));
        }
        ctx.progress(writers + " writers, " + keys + " own keys each, " + shared + " shared keys");
        List<SplittableRandom> randoms = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            randoms.add(ctx.random(w));
        }
        // each worker's step: its next own key, now and then a shared one, a read of an own earlier key
        ctx.load("load", LoadModel.Closed.counted(writers, keys), (w, sequence, intended) -> {
            int i = (int) (sequence >> 20);
            Instance instance = instances.get(w);
            SplittableRandom random = randoms.get(w);
            Outcome own = instance.put(COLLECTION, "w" + w + "-k" + i, RunContext.value(random, valueBytes));
            if (shared > 0 && random.nextInt(Math.max(1, keys / shared)) == 0) {
                instance.put(COLLECTION, "shared-" + random.nextInt(shared), RunContext.value(random, valueBytes));
            }
            if (random.nextDouble() < readShare) {
                instance.get(COLLECTION, "w" + w + "-k" + random.nextInt(i + 1));
            }
            return own;
        });
        for (Instance instance : instances) {
            instance.flush();
        }
        ctx.progress("all writers flushed");
    }

    @Override
    public List<Checker> checkers(Parameters p) {
        return List.of(new AcknowledgedWritesChecker(), new ReadsChecker(), new HealthChecker(),
                new AvailabilityChecker(p.doubleValue("allowedFailureShare")));
    }
}
