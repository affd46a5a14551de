package dev.faultline.scenarios;

import dev.faultline.check.AcknowledgedWritesChecker;
import dev.faultline.check.BatchAtomicityChecker;
import dev.faultline.check.Checker;
import dev.faultline.check.HealthChecker;
import dev.faultline.check.RegisterChecker;
import dev.faultline.check.SpaceChecker;
import dev.faultline.engine.History;
import dev.faultline.engine.Instance;
import dev.faultline.engine.OpKind;
import dev.faultline.engine.Operation;
import dev.faultline.engine.ParameterSpec;
import dev.faultline.engine.Parameters;
import dev.faultline.engine.RunContext;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A seeded history of puts, overwrites, gets, deletes, lists, flushes and batches (where the
 * adapter takes them) from several instances at once, over keys real stores trip over
 * ({@link KeyVocabulary}) and values empty, one byte long, ordinary, and now and then a megabyte.
 * One step per operation.
 */
final class GeneratedHistoryWorkload implements Workload {

    @Override
    public String name() {
        return GeneratedHistoryScenario.NAME;
    }

    @Override
    public String summary() {
        return "a seeded mix of puts, gets, deletes, lists, flushes and batches from several instances over tricky keys";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(
                ParameterSpec.integer("operations", 600, 1, 10_000_000, "operations per instance"),
                ParameterSpec.integer("instances", 3, 1, 64, "instances at once (1 unless the adapter declares multiProcess)"),
                ParameterSpec.integer("collections", 2, 1, 100, "collections"),
                ParameterSpec.integer("plainKeys", 8, 0, 100_000, "ordinary keys per collection, besides the tricky ones"),
                ParameterSpec.bool("trickyKeys", true, "also keys that differ only in case, dots, reserved names, the longest name"),
                ParameterSpec.integer("largeValueBytes", 1024 * 1024, 1, 64 * 1024 * 1024, "the size of the rare large value"));
    }

    @Override
    public void run(Session session) throws Exception {
        RunContext ctx = session.context();
        Parameters p = session.parameters();
        Instance first = session.open(0);
        List<Instance> instances = new ArrayList<>(List.of(first));
        int count = first.capabilities().multiProcess() ? p.intValue("instances") : 1;
        for (int i = 1; i < count; i++) {
            instances.add(session.open(i));
        }
        List<String> keys = KeyVocabulary.keys(p.value("trickyKeys", Boolean.class), p.intValue("plainKeys"), first.capabilities());
        ctx.progress(count + " instances, " + p.intValue("operations") + " operations each, over " + keys.size() + " keys in each of "
                + p.intValue("collections") + " collections");
        session.plan((long) count * p.intValue("operations"));
        ctx.parallel(count, i -> history(session, instances.get(i), ctx.random(100 + i), keys));
        ctx.figure(session.figure("keysRefused"), refused(session.history()));
    }

    /**
     * Keys the store refused loudly: every write of them failed (allowed, where no fault ran:
     * a store may refuse what it cannot take, but not answer OK and store something else).
     */
    private static List<String> refused(History history) {
        Map<String, Boolean> everTaken = new java.util.TreeMap<>();
        for (Operation o : history.workload()) {
            if (o.kind() == OpKind.PUT && o.key() != null && (o.acknowledged() || o.failedLoudly())) {
                everTaken.merge(o.key(), o.acknowledged(), Boolean::logicalOr);
            }
        }
        return everTaken.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).toList();
    }

    /** One instance's share of the history; every value is unique, so a read names the write it saw. */
    private static void history(Session session, Instance instance, SplittableRandom random, List<String> keys) {
        Parameters p = session.parameters();
        int operations = p.intValue("operations");
        for (int n = 0; n < operations; n++) {
            session.step();
            String collection = "c" + random.nextInt(p.intValue("collections"));
            String key = keys.get(random.nextInt(keys.size()));
            int roll = random.nextInt(100);
            if (roll < 40) {
                instance.put(collection, key, value(random, instance.number(), n, p.intValue("largeValueBytes")));
            } else if (roll < 70) {
                instance.get(collection, key);
            } else if (roll < 78) {
                instance.delete(collection, key);
            } else if (roll < 85) {
                instance.list(collection);
            } else if (roll < 90) {
                instance.flush();
            } else if (instance.writesBatches()) {
                Map<String, String> batch = new LinkedHashMap<>(); // keys of its own, so what survives is the batch's doing alone
                int size = 2 + random.nextInt(4);
                for (int e = 0; e < size; e++) {
                    batch.put("b" + instance.number() + "-" + n + "-" + e, value(random, instance.number(), n, 1024));
                }
                instance.putAll(collection, batch);
            } else {
                instance.put(collection, key, value(random, instance.number(), n, 1024));
            }
        }
        instance.flush();
    }

    /** Empty (1%), one byte (1%), a megabyte (0.2%), or 20 to 300 characters; tagged with who wrote it where there is room. */
    private static String value(SplittableRandom random, int instance, int n, int largeBytes) {
        int roll = random.nextInt(1000);
        if (roll < 10) {
            return "";
        }
        if (roll < 20) {
            return String.valueOf((char) ('a' + random.nextInt(26)));
        }
        String tag = "i" + instance + "n" + n + ":";
        int length = roll < 22 ? largeBytes : 20 + random.nextInt(280);
        return tag + RunContext.value(random, Math.max(0, length - tag.length()));
    }

    /** One instance first (its failure then replays exactly), then fewer operations, keys and collections, smaller values. */
    @Override
    public List<Map<String, String>> smaller(Parameters p) {
        List<Map<String, String>> smaller = new ArrayList<>();
        int instances = p.intValue("instances");
        int operations = p.intValue("operations");
        int plainKeys = p.intValue("plainKeys");
        if (instances > 1) {
            smaller.add(Map.of("instances", "1"));
            smaller.add(Map.of("instances", Integer.toString(instances - 1)));
        }
        if (operations > 1) {
            smaller.add(Map.of("operations", Integer.toString(operations / 2)));
            smaller.add(Map.of("operations", Integer.toString(operations - Math.max(1, operations / 4))));
        }
        if (p.value("trickyKeys", Boolean.class)) {
            smaller.add(Map.of("trickyKeys", "false"));
        }
        if (plainKeys > 0) {
            smaller.add(Map.of("plainKeys", Integer.toString(plainKeys / 2)));
        }
        if (p.intValue("collections") > 1) {
            smaller.add(Map.of("collections", "1"));
        }
        if (p.intValue("largeValueBytes") > 1024) {
            smaller.add(Map.of("largeValueBytes", "1024"));
        }
        return smaller;
    }

    /** The register model tolerates failed writes (they may or may not have taken effect), so faults change nothing here. */
    @Override
    public List<Checker> checkers(Parameters p, boolean faulted) {
        return List.of(new RegisterChecker(), new AcknowledgedWritesChecker(), new BatchAtomicityChecker(), new SpaceChecker(),
                new HealthChecker());
    }
}
