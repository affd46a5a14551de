package dev.faultline.scenarios;

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
import dev.faultline.engine.ScenarioSkipped;
import dev.faultline.spi.Outcome;
import eu.rekawek.toxiproxy.model.ToxicDirection;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Incident 003, hypothesis D: a batch write whose transaction is rolled back, never retried. Batches
 * go on while the database connection is reset mid-stream (reset_peer); every acknowledged batch
 * must be stored whole, and no batch may be stored in part (half a batch is neither the write the
 * client was told failed nor the one it was told succeeded).
 */
public final class ConnectionResetScenario implements Scenario {
    static final String COLLECTION = "audit-batches";

    @Override
    public String name() {
        return "connection-reset";
    }

    @Override
    public List<String> incidents() {
        return List.of("003_548bb7b6adec85a8");
    }

    @Override
    public String summary() {
        return "batches while the database connection is reset (reset_peer) for 2 s: acknowledged batches whole, no batch half-stored";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(
                ParameterSpec.integer("batches", 30, 1, 100_000, "batches written one after another"),
                ParameterSpec.integer("batchSize", 50, 1, 100_000, "events per batch (incident: 100-event batches)"),
                ParameterSpec.integer("resetFromBatch", 10, 0, 100_000, "the batch at which resets begin"),
                ParameterSpec.integer("resetMs", 2000, 0, 3_600_000, "how long the link resets connections (longer than a flush interval)"),
                ParameterSpec.integer("pauseMs", 100, 0, 600_000, "pause between batches, so the resets span many of them"),
                ParameterSpec.integer("valueBytes", 256, 1, 16 * 1024 * 1024, "size of each event"),
                ParameterSpec.decimal("allowedFailureShare", 0.5, 0, 1, "loud refusals allowed (while connections are reset)"));
    }

    @Override
    public void run(RunContext ctx) throws Exception {
        Parameters p = ctx.parameters();
        Instance writer = ctx.open(0);
        if (!writer.writesBatches()) {
            throw new ScenarioSkipped("the adapter does not write batches (BatchWrites); connection-reset is about half-stored batches");
        }
        SplittableRandom random = ctx.random(0);
        List<Map<String, String>> batches = new ArrayList<>();
        String resetToxic = null;
        long resetUntil = Long.MAX_VALUE;
        for (int b = 0; b < p.intValue("batches"); b++) {
            if (b == p.intValue("resetFromBatch")) {
                ctx.progress("resetting database connections for " + p.longValue("resetMs") + " ms");
                resetToxic = ctx.network().resetPeer(ToxicDirection.UPSTREAM, 0);
                resetUntil = System.nanoTime() + p.longValue("resetMs") * 1_000_000;
            }
            if (resetToxic != null && System.nanoTime() >= resetUntil) {
                ctx.network().remove(resetToxic);
                resetToxic = null;
            }
            Map<String, String> batch = new LinkedHashMap<>();
            for (int i = 0; i < p.intValue("batchSize"); i++) {
                batch.put("b" + b + "-event-" + i, RunContext.value(random, p.intValue("valueBytes")));
            }
            batches.add(batch);
            writer.putAll(COLLECTION, batch);
            Thread.sleep(p.longValue("pauseMs"));
        }
        if (resetToxic != null) {
            ctx.network().remove(resetToxic);
        }
        writer.flush();
        writer.close();
        ctx.network().heal();
        ctx.addCheck(noHalfBatches(ctx.open(1), batches));
    }

    /** Each batch, acknowledged or refused, must be all there or all absent. */
    private static CheckResult noHalfBatches(Instance reader, List<Map<String, String>> batches) {
        Outcome listed = reader.list(COLLECTION);
        if (!listed.isOk()) {
            return CheckResult.fail("whole batches", FailureKind.UNAVAILABLE, "could not list the batches after the resets: " + listed.error(), List.of());
        }
        Set<String> present = new HashSet<>(listed.keyList());
        List<String> halves = new ArrayList<>();
        for (int b = 0; b < batches.size(); b++) {
            long stored = batches.get(b).keySet().stream().filter(present::contains).count();
            if (stored > 0 && stored < batches.get(b).size()) {
                halves.add("batch " + b + ": " + stored + " of " + batches.get(b).size() + " events stored");
            }
        }
        reader.close();
        return halves.isEmpty()
                ? CheckResult.pass("whole batches", batches.size() + " batches each stored whole or not at all")
                : CheckResult.fail("whole batches", FailureKind.CORRUPTION, halves.size() + " batches stored in part", halves);
    }

    @Override
    public List<Checker> checkers(Parameters p) {
        return List.of(new AcknowledgedWritesChecker(), new ReadsChecker(), new HealthChecker(),
                new AvailabilityChecker(p.doubleValue("allowedFailureShare")));
    }
}
