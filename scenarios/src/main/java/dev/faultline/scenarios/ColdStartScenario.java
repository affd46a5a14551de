package dev.faultline.scenarios;

import dev.faultline.check.AcknowledgedWritesChecker;
import dev.faultline.check.CheckResult;
import dev.faultline.check.Checker;
import dev.faultline.check.FailureKind;
import dev.faultline.check.HealthChecker;
import dev.faultline.check.Slo;
import dev.faultline.engine.Instance;
import dev.faultline.engine.ParameterSpec;
import dev.faultline.engine.Parameters;
import dev.faultline.engine.RunContext;
import dev.faultline.engine.Scenario;
import dev.faultline.load.LoadModel;
import dev.faultline.load.LoadResult;
import dev.faultline.spi.Health;
import dev.faultline.spi.Outcome;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Incidents 002 and 004: a restart on existing data (50,000 records over several collections).
 * The store must be healthy within 1 s, answer its first request within 2 s and later ones at
 * normal latency (p95 250 ms). In the damaged variant ({@link ColdStartDamagedScenario}) one
 * collection's file is truncated before the restart, as incident 002's metadata file was: the
 * store must still start, say it is degraded and name that collection, keep serving the healthy
 * collections, and delete nothing.
 */
public class ColdStartScenario implements Scenario {
    static final String DAMAGED_COLLECTION = "coll-2";
    private final boolean damaged;

    public ColdStartScenario() {
        this(false);
    }

    protected ColdStartScenario(boolean damaged) {
        this.damaged = damaged;
    }

    @Override
    public String name() {
        return damaged ? "cold-start-damaged" : "cold-start";
    }

    @Override
    public List<String> incidents() {
        return List.of("002_e9ea86e380ed0d02", "004_0387ef3492c0e37a");
    }

    @Override
    public String summary() {
        return damaged
                ? "restart with one collection's file truncated: the store starts, health names the damage, other collections serve, nothing deleted"
                : "restart on 50,000 records: healthy within 1 s, first request within 2 s, later requests p95 within 250 ms";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(
                ParameterSpec.integer("records", 50_000, 10, 10_000_000, "records on disk before the restart"),
                ParameterSpec.integer("collections", 5, 3, 1000, "collections they are spread over"),
                ParameterSpec.integer("valueBytes", 200, 1, 1024 * 1024, "size of each record"),
                ParameterSpec.integer("populateWriters", 4, 1, 64, "instances writing the records (1 unless multiProcess)"),
                ParameterSpec.integer("healthyWithinMs", 1000, 1, 600_000, "objective: health answers healthy this soon after open starts (damaged: degraded)"),
                ParameterSpec.integer("firstRequestWithinMs", 2000, 1, 600_000, "objective: the first read answers this soon after open starts"),
                ParameterSpec.integer("laterRequests", 200, 1, 1_000_000, "reads after the first"),
                ParameterSpec.integer("laterP95Ms", 250, 1, 600_000, "objective: p95 of the later reads"));
    }

    static String key(int i) {
        return String.format("record-%08d", i);
    }

    static String collection(int i, int collections) {
        return "coll-" + (i % collections);
    }

    @Override
    public void run(RunContext ctx) throws Exception {
        Parameters p = ctx.parameters();
        int records = p.intValue("records");
        int collections = p.intValue("collections");
        populate(ctx, records, collections, p.intValue("valueBytes"));

        long filesBefore = 0;
        if (damaged) {
            filesBefore = countFiles(ctx.root());
            ctx.addCheck(damage(ctx.root()));
        }
        ctx.progress("restarting on " + records + " records");
        long start = System.nanoTime();
        Instance fresh;
        try {
            fresh = ctx.open(ctx.capabilities().multiProcess() ? p.intValue("populateWriters") : 0);
        } catch (Instance.OpenFailed e) {
            if (!damaged) {
                throw e;
            }
            ctx.addCheck(CheckResult.fail("starts", FailureKind.UNAVAILABLE,
                    "one damaged collection took the whole store down: " + e.getMessage(), List.of()));
            return;
        }
        long openedMs = (System.nanoTime() - start) / 1_000_000;
        ctx.figure("openMs", openedMs);
        SplittableRandom random = ctx.random(7);
        if (damaged) {
            judgeDamaged(ctx, fresh, start, records, collections, random, filesBefore);
        } else {
            judgeHealthy(ctx, fresh, start, records, collections, random);
        }
        fresh.close();
    }

    private void judgeHealthy(RunContext ctx, Instance fresh, long start, int records, int collections, SplittableRandom random)
            throws InterruptedException {
        Parameters p = ctx.parameters();
        long limitNanos = p.longValue("healthyWithinMs") * 5_000_000;
        Health h = fresh.health();
        while (!h.healthy() && System.nanoTime() - start < limitNanos) {
            h = fresh.health();
        }
        double healthyMs = (System.nanoTime() - start) / 1e6;
        ctx.figure("healthyMs", Math.round(healthyMs * 10) / 10.0);
        ctx.addCheck(h.healthy() ? Slo.atMost("healthy after start", healthyMs, p.longValue("healthyWithinMs"), "ms")
                : CheckResult.fail("healthy after start", FailureKind.UNAVAILABLE, "never healthy: " + h.detail(), List.of()));
        int first = random.nextInt(records);
        Outcome firstRead = fresh.get(collection(first, collections), key(first));
        double firstMs = (System.nanoTime() - start) / 1e6;
        ctx.figure("firstRequestMs", Math.round(firstMs * 10) / 10.0);
        ctx.addCheck(Slo.atMost("first request after start", firstMs, p.longValue("firstRequestWithinMs"), "ms"));
        LoadResult later = ctx.load("loadLaterRequests", LoadModel.Closed.counted(1, p.intValue("laterRequests")), (w, sequence, intended) -> {
            int k = random.nextInt(records);
            return fresh.get(collection(k, collections), key(k));
        });
        double p95 = later.latencyMicros().getValueAtPercentile(95) / 1000.0;
        ctx.figure("laterP95Ms", p95);
        ctx.addCheck(Slo.atMost("later requests p95", p95, p.longValue("laterP95Ms"), "ms"));
        if (firstRead.isError()) {
            ctx.addCheck(CheckResult.fail("first request", FailureKind.UNAVAILABLE, "the first read failed: " + firstRead.error(), List.of()));
        }
    }

    private void judgeDamaged(RunContext ctx, Instance fresh, long start, int records, int collections, SplittableRandom random,
                              long filesBefore) throws IOException, InterruptedException {
        Parameters p = ctx.parameters();
        ctx.addCheck(CheckResult.pass("starts", "the store started despite the damaged collection"));
        long deadline = start + p.longValue("healthyWithinMs") * 5_000_000;
        Health h = fresh.health();
        while (!(namesDamage(h)) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            h = fresh.health();
        }
        ctx.figure("degradedReportedMs", Math.round((System.nanoTime() - start) / 1e5) / 10.0);
        ctx.addCheck(namesDamage(h)
                ? CheckResult.pass("health names the damage", "health says degraded: " + h.detail())
                : CheckResult.fail("health names the damage", FailureKind.CORRUPTION, "health did not say degraded naming " + DAMAGED_COLLECTION
                        + " within " + p.longValue("healthyWithinMs") * 5 + " ms: " + h.status() + " " + h.detail(), List.of()));
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < p.intValue("laterRequests"); i++) {
            int k = random.nextInt(records);
            if (collection(k, collections).equals(DAMAGED_COLLECTION)) {
                continue;
            }
            Outcome o = fresh.get(collection(k, collections), key(k));
            if (!o.isOk()) {
                failed.add(collection(k, collections) + "/" + key(k) + ": " + o);
            }
        }
        ctx.addCheck(failed.isEmpty()
                ? CheckResult.pass("healthy collections serve", "every read of the undamaged collections succeeded")
                : CheckResult.fail("healthy collections serve", FailureKind.UNAVAILABLE, failed.size() + " reads of undamaged collections failed", failed));
        long filesAfter = countFiles(ctx.root());
        ctx.addCheck(filesAfter >= filesBefore
                ? CheckResult.pass("nothing deleted", filesAfter + " files kept (" + filesBefore + " before)")
                : CheckResult.fail("nothing deleted", FailureKind.SILENT_LOSS, (filesBefore - filesAfter) + " files deleted after the damage was found", List.of()));
    }

    private static boolean namesDamage(Health h) {
        return !h.healthy() && h.detail().toString().contains(DAMAGED_COLLECTION);
    }

    private void populate(RunContext ctx, int records, int collections, int valueBytes) throws Exception {
        Instance first = ctx.open(0);
        int writers = first.capabilities().multiProcess() ? ctx.parameters().intValue("populateWriters") : 1;
        List<Instance> instances = new ArrayList<>(List.of(first));
        for (int w = 1; w < writers; w++) {
            instances.add(ctx.open(w));
        }
        ctx.progress("writing " + records + " records with " + writers + " writers");
        ctx.parallel(writers, w -> {
            SplittableRandom random = ctx.random(w);
            for (int i = w; i < records; i += writers) {
                instances.get(w).put(collection(i, collections), key(i), RunContext.value(random, valueBytes));
            }
            instances.get(w).flush();
            instances.get(w).close();
        });
    }

    /** Truncates to half its size the largest file holding the damaged collection's name. */
    private static CheckResult damage(Path root) throws IOException {
        Path victim;
        try (Stream<Path> files = Files.walk(root)) {
            victim = files.filter(Files::isRegularFile)
                    .filter(f -> root.relativize(f).toString().contains(DAMAGED_COLLECTION))
                    .max(java.util.Comparator.comparingLong(ColdStartScenario::size).thenComparing(Path::toString)).orElse(null);
        }
        if (victim == null) {
            return CheckResult.skipped("damage", "no file under the root names " + DAMAGED_COLLECTION + "; nothing to damage");
        }
        long size = size(victim);
        try (FileChannel ch = FileChannel.open(victim, StandardOpenOption.WRITE)) {
            ch.truncate(size / 2);
        }
        return CheckResult.pass("damage", "truncated " + root.relativize(victim) + " from " + size + " to " + size / 2 + " bytes");
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    private static long countFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    /** The damaged variant judges itself: the damaged collection's reads are expected to fail. */
    @Override
    public List<Checker> checkers(Parameters p) {
        return damaged ? List.of() : List.of(new AcknowledgedWritesChecker(), new HealthChecker());
    }
}
