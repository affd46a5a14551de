package dev.faultline.scenarios;

import dev.faultline.check.AcknowledgedWritesChecker;
import dev.faultline.check.BatchAtomicityChecker;
import dev.faultline.check.Checker;
import dev.faultline.check.HealthChecker;
import dev.faultline.check.RegisterChecker;
import dev.faultline.check.SpaceChecker;
import dev.faultline.engine.Instance;
import dev.faultline.engine.ParameterSpec;
import dev.faultline.engine.Parameters;
import dev.faultline.engine.RunContext;
import dev.faultline.engine.Scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A seeded history of puts, overwrites, gets, deletes, lists, flushes and batches (where the
 * adapter takes them) from several instances at once, over keys real stores trip over
 * ({@link KeyVocabulary}: names that differ only in case, dots, reserved names, the longest name)
 * and values empty, one byte long, ordinary, and now and then a megabyte. Every read and list is
 * judged against the writes around it, each key a register; after the restart, everything
 * acknowledged durable, every failed batch whole or absent, and disk use within twice the live
 * data (plus slack). Incidents 000 (writers that lose
 * each other's data) and 003 (acknowledged, then gone).
 */
public final class GeneratedHistoryScenario implements Scenario {
    static final String NAME = "generated-history";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> incidents() {
        return List.of("000_dd760f200c178de2", "003_548bb7b6adec85a8");
    }

    @Override
    public String summary() {
        return "a seeded mix of puts, gets, deletes, lists, flushes and batches from several instances over tricky keys; every read judged as a register";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(
                ParameterSpec.integer("operations", 600, 1, 10_000_000, "operations per instance"),
                ParameterSpec.integer("instances", 3, 1, 64, "instances at once (1 unless the adapter declares multiProcess)"),
                ParameterSpec.integer("collections", 2, 1, 100, "collections"),
                ParameterSpec.integer("plainKeys", 8, 0, 100_000, "ordinary keys per collection, besides the tricky ones"),
                new ParameterSpec("trickyKeys", "true", "also keys that differ only in case, dots, reserved names, the longest name",
                        text -> {
                            if (!text.equals("true") && !text.equals("false")) {
                                throw new IllegalArgumentException("'" + text + "' is not true or false");
                            }
                            return Boolean.parseBoolean(text);
                        }),
                ParameterSpec.integer("largeValueBytes", 1024 * 1024, 1, 64 * 1024 * 1024, "the size of the rare large value"));
    }

    @Override
    public void run(RunContext ctx) throws Exception {
        Parameters p = ctx.parameters();
        List<Instance> instances = new ArrayList<>(List.of(ctx.open(0)));
        int count = ctx.capabilities().multiProcess() ? p.intValue("instances") : 1;
        for (int i = 1; i < count; i++) {
            instances.add(ctx.open(i));
        }
        List<String> keys = KeyVocabulary.keys(p.value("trickyKeys", Boolean.class), p.intValue("plainKeys"));
        ctx.progress(count + " instances, " + p.intValue("operations") + " operations each, over " + keys.size() + " keys in each of "
                + p.intValue("collections") + " collections");
        ctx.parallel(count, i -> history(ctx, instances.get(i), ctx.random(100 + i), keys));
    }

    /** One instance's share of the history; every value is unique, so a read names the write it saw. */
    private static void history(RunContext ctx, Instance instance, SplittableRandom random, List<String> keys) {
        Parameters p = ctx.parameters();
        int operations = p.intValue("operations");
        for (int n = 0; n < operations; n++) {
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

    @Override
    public List<Checker> checkers(Parameters p) {
        return List.of(new RegisterChecker(), new AcknowledgedWritesChecker(), new BatchAtomicityChecker(), new SpaceChecker(),
                new HealthChecker());
    }
}
