package dev.faultline.scenarios;

import dev.faultline.check.AcknowledgedWritesChecker;
import dev.faultline.check.AvailabilityChecker;
import dev.faultline.check.Checker;
import dev.faultline.check.HealthChecker;
import dev.faultline.check.ReadsChecker;
import dev.faultline.check.SpaceChecker;
import dev.faultline.engine.Instance;
import dev.faultline.engine.ParameterSpec;
import dev.faultline.engine.Parameters;
import dev.faultline.engine.RunContext;
import dev.faultline.load.LoadModel;
import dev.faultline.spi.Outcome;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Incident 000's editor windows: several instances on one directory, each putting its own keys
 * and, now and then, one of a few keys every writer shares, and reading back keys it wrote
 * earlier; then every writer flushes. One step per own put.
 */
final class MultiWriterWorkload implements Workload {
    static final String COLLECTION = "watch";

    @Override
    public String name() {
        return "multi-writer";
    }

    @Override
    public String summary() {
        return "instances write one directory at once (own and shared keys, with reads), then flush";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(
                ParameterSpec.integer("writers", 10, 2, 256, "instances writing the one directory at once (incident 000: 10 windows)"),
                ParameterSpec.integer("keysPerWriter", 50, 1, 1_000_000, "distinct keys each writer puts"),
                ParameterSpec.integer("sharedKeys", 10, 0, 10_000, "keys every writer also puts (overlapping writes)"),
                ParameterSpec.integer("valueBytes", 512, 1, 16 * 1024 * 1024, "size of each value"),
                ParameterSpec.decimal("readShare", 0.3, 0, 1, "reads of an own earlier key per put"),
                ParameterSpec.decimal("allowedFailureShare", 0, 0, 1, "loud failures allowed (none: no fault is injected; not judged while a composed fault runs)"));
    }

    @Override
    public void run(Session session) throws Exception {
        RunContext ctx = session.context();
        Parameters p = session.parameters();
        int writers = p.intValue("writers");
        int keys = p.intValue("keysPerWriter");
        int shared = p.intValue("sharedKeys");
        int valueBytes = p.intValue("valueBytes");
        double readShare = p.doubleValue("readShare");

        Instance first = session.open(0);
        ctx.requireMultiProcess();
        List<Instance> instances = new ArrayList<>(List.of(first));
        for (int w = 1; w < writers; w++) {
            instances.add(session.open(w));
        }
        ctx.progress(writers + " writers, " + keys + " own keys each, " + shared + " shared keys");
        List<SplittableRandom> randoms = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            randoms.add(ctx.random(w));
        }
        session.plan((long) writers * keys);
        // each worker's step: its next own key, now and then a shared one, a read of an own earlier key
        ctx.load(session.figure("load"), LoadModel.Closed.counted(writers, keys), (w, sequence, intended) -> {
            session.step();
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

    /** Fewer writers (two at least: it is about several), fewer keys, no reads, smaller values. */
    @Override
    public List<Map<String, String>> smaller(Parameters p) {
        List<Map<String, String>> smaller = new ArrayList<>();
        int writers = p.intValue("writers");
        int keys = p.intValue("keysPerWriter");
        int shared = p.intValue("sharedKeys");
        if (writers > 2) {
            smaller.add(Map.of("writers", Integer.toString(Math.max(2, writers / 2))));
        }
        if (keys > 1) {
            smaller.add(Map.of("keysPerWriter", Integer.toString(keys / 2)));
        }
        if (shared > 0) {
            smaller.add(Map.of("sharedKeys", Integer.toString(shared / 2)));
        }
        if (p.doubleValue("readShare") > 0) {
            smaller.add(Map.of("readShare", "0"));
        }
        if (p.intValue("valueBytes") > 16) {
            smaller.add(Map.of("valueBytes", Integer.toString(Math.max(16, p.intValue("valueBytes") / 4))));
        }
        return smaller;
    }

    @Override
    public List<Checker> checkers(Parameters p, boolean faulted) {
        List<Checker> checkers = new ArrayList<>(List.of(new AcknowledgedWritesChecker(), new ReadsChecker(), new HealthChecker(),
                new SpaceChecker()));
        if (!faulted) {
            checkers.add(new AvailabilityChecker(p.doubleValue("allowedFailureShare")));
        }
        return checkers;
    }
}
