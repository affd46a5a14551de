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
import dev.faultline.spi.Health;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Incidents 003 and 004: the database goes away for a while and comes back. Writes go on before,
 * during and after the outage. Loud refusals during it are allowed; what was acknowledged must
 * all be queryable once the database is back (the spill replayed: 004's fallback), and health
 * must say degraded while it is down (003's service "appeared healthy" while events vanished).
 */
public final class DbOutageScenario implements Scenario {
    static final String COLLECTION = "audit-events";

    @Override
    public String name() {
        return "db-outage";
    }

    @Override
    public List<String> incidents() {
        return List.of("003_548bb7b6adec85a8", "004_0387ef3492c0e37a");
    }

    @Override
    public String summary() {
        return "database link down for 3 s while events keep coming: health degraded meanwhile, everything acknowledged queryable after";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(
                ParameterSpec.integer("eventsPerPhase", 100, 1, 1_000_000, "events sent before, during and after the outage"),
                ParameterSpec.integer("outageMs", 3000, 0, 3_600_000, "how long the database link is down"),
                ParameterSpec.integer("valueBytes", 512, 1, 16 * 1024 * 1024, "size of each event"),
                ParameterSpec.integer("visibilityBoundMs", 10_000, 0, 3_600_000, "after the database is back, how long until every acknowledged event is queryable"),
                ParameterSpec.decimal("allowedFailureShare", 0.5, 0, 1, "loud refusals allowed (during the outage)"));
    }

    @Override
    public void run(RunContext ctx) throws Exception {
        Parameters p = ctx.parameters();
        Instance writer = ctx.open(0);
        ctx.network(); // before the first write: the link exists and is healthy
        SplittableRandom random = ctx.random(0);
        int perPhase = p.intValue("eventsPerPhase");
        int valueBytes = p.intValue("valueBytes");
        int n = 0;
        for (int i = 0; i < perPhase; i++, n++) {
            writer.put(COLLECTION, "event-" + n, RunContext.value(random, valueBytes));
        }
        ctx.progress("database link down for " + p.longValue("outageMs") + " ms");
        ctx.network().down();
        long upAt = System.nanoTime() + p.longValue("outageMs") * 1_000_000;
        long spacing = Math.max(1, p.longValue("outageMs") * 1_000_000 / perPhase);
        for (int i = 0; i < perPhase && System.nanoTime() < upAt; i++, n++) {
            writer.put(COLLECTION, "event-" + n, RunContext.value(random, valueBytes));
            Thread.sleep(spacing / 1_000_000, (int) (spacing % 1_000_000));
        }
        Health duringOutage = writer.health();
        ctx.addCheck(duringOutage.healthy()
                ? CheckResult.fail("health during outage", FailureKind.UNAVAILABLE,
                        "health said healthy while the database was unreachable: an outage nobody is told about", List.of())
                : CheckResult.pass("health during outage", "health said degraded: " + duringOutage.detail()));
        long left = (upAt - System.nanoTime()) / 1_000_000;
        if (left > 0) {
            Thread.sleep(left);
        }
        ctx.network().up();
        ctx.progress("database link back");
        for (int i = 0; i < perPhase; i++, n++) {
            writer.put(COLLECTION, "event-" + n, RunContext.value(random, valueBytes));
        }
        writer.flush();
        Instance query = ctx.capabilities().multiProcess() ? ctx.open(1) : writer;
        ctx.addCheck(Visibility.check(ctx, query, COLLECTION, p.longValue("visibilityBoundMs"))
                .withChecker("queryable after the outage"));
    }

    @Override
    public List<Checker> checkers(Parameters p) {
        return List.of(new AcknowledgedWritesChecker(), new ReadsChecker(), new HealthChecker(),
                new AvailabilityChecker(p.doubleValue("allowedFailureShare")));
    }
}
