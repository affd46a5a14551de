package dev.faultline.scenarios;

import dev.faultline.check.AcknowledgedWritesChecker;
import dev.faultline.check.CheckResult;
import dev.faultline.check.Checker;
import dev.faultline.check.FailureKind;
import dev.faultline.check.HealthChecker;
import dev.faultline.check.Timing;
import dev.faultline.check.Verdict;
import dev.faultline.engine.Instance;
import dev.faultline.engine.ParameterSpec;
import dev.faultline.engine.Parameters;
import dev.faultline.engine.ProgressMeter;
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
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Incidents 002 and 004: a restart on existing data (50,000 records over several collections).
 * The store must be healthy within 1 s, answer its first request within 2 s and later ones at
 * normal latency (p95 250 ms). In the damaged variant ({@link ColdStartDamagedScenario}) a file
 * the store wrote is damaged before the restart, as incident 002's metadata file was (truncated by
 * default; zeroed, a bit flipped or removed by parameter): one collection's, where the store keeps
 * a file per collection, and then it must still start, say it is degraded and name that
 * collection, keep serving the healthy collections, and delete nothing; else its largest file
 * (a store that keeps everything in one file), and then it may refuse to start, loudly, or serve
 * what it can, but no damaged record may come back as good data, nothing may vanish while health
 * says healthy, and nothing may be deleted. A store that wrote no file is SKIPPED.
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

    /** How the damaged variant damages the file it picks, as disks and crashes do. */
    enum Damage {
        /** cut to half its size (incident 002's truncated metadata) */
        TRUNCATE,
        /** a 4 KiB block of zeros at a seeded offset (a lost page) */
        ZERO,
        /** one bit flipped at a seeded offset (a bad sector read back) */
        FLIP,
        /** the file removed (an unlink that persisted, a directory entry lost) */
        REMOVE
    }

    @Override
    public List<ParameterSpec> parameters() {
        List<ParameterSpec> specs = new ArrayList<>(commonParameters());
        if (damaged) {
            specs.add(new ParameterSpec("damage", "truncate", "how the picked file is damaged: truncate (to half), zero (a 4 KiB block), flip (one bit), remove",
                    text -> Damage.valueOf(text.trim().toUpperCase(java.util.Locale.ROOT))));
        }
        return specs;
    }

    private static List<ParameterSpec> commonParameters() {
        return List.of(
                ParameterSpec.integer("records", 50_000, 10, 10_000_000, "records on disk before the restart"),
                ParameterSpec.integer("collections", 5, 3, 1000, "collections they are spread over"),
                ParameterSpec.integer("valueBytes", 200, 1, 1024 * 1024, "size of each record"),
                ParameterSpec.integer("populateWriters", 4, 1, 64, "instances writing the records (1 unless multiProcess)"),
                ParameterSpec.integer("populateBatch", 500, 1, 100_000, "records per batch while populating, where the adapter takes batches"),
                ParameterSpec.integer("restarts", 3, 1, 100, "restarts measured; the start-up objectives are judged on their median (damaged: 1)"),
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
        int[] written = populate(ctx, records, collections, p.intValue("valueBytes"));

        long filesBefore = 0;
        Path victim = null;
        if (damaged) {
            filesBefore = countFiles(ctx.root());
            victim = pickVictim(ctx.root());
            if (victim == null) {
                throw new dev.faultline.engine.ScenarioSkipped("the store wrote no file under its root: nothing to damage");
            }
            ctx.addCheck(damage(ctx, victim));
        }
        if (written.length == 0) {
            ctx.addCheck(new CheckResult("populate", Verdict.UNKNOWN, null, "no record was written within half the budget (" + ctx.budget()
                    + "): nothing to start on", List.of()));
            return;
        }
        if (written.length < records) {
            ctx.addCheck(new CheckResult("populate", Verdict.UNKNOWN, null, String.format(
                    "populating stopped at %d of %d records when half the budget (%s) was spent; the restart was measured on those",
                    written.length, records, ctx.budget()), List.of()));
        }
        SplittableRandom random = ctx.random(7);
        int number = ctx.capabilities().multiProcess() ? p.intValue("populateWriters") : 0;
        if (damaged) {
            ctx.progress("restarting on " + written.length + " records, one collection damaged");
            long start = System.nanoTime();
            Instance fresh;
            try {
                fresh = ctx.open(number);
            } catch (Instance.OpenFailed e) {
                ctx.addCheck(ctx.root().relativize(victim).toString().contains(DAMAGED_COLLECTION)
                        ? CheckResult.fail("starts", FailureKind.UNAVAILABLE, "one damaged collection took the whole store down: " + e.getMessage(), List.of())
                        // everything is in the damaged file: refusing to start on it is loud, and honest
                        : CheckResult.pass("starts", "the store refused to open on its damaged file, loudly: " + e.getMessage()));
                return;
            }
            ctx.figure("openMs", (System.nanoTime() - start) / 1_000_000);
            if (ctx.root().relativize(victim).toString().contains(DAMAGED_COLLECTION)) {
                judgeDamaged(ctx, fresh, start, written, collections, random, filesBefore);
            } else {
                judgeDamagedWhole(ctx, fresh, random, filesBefore);
            }
            fresh.close();
        } else {
            judgeHealthy(ctx, number, written, collections, random);
        }
    }

    /**
     * Restarts {@code restarts} times, each a fresh instance on the same data, and judges the
     * start-up objectives on the median (one slow start on a busy machine decides nothing); the
     * later requests are measured on the last instance.
     */
    private void judgeHealthy(RunContext ctx, int firstNumber, int[] written, int collections, SplittableRandom random)
            throws InterruptedException {
        Parameters p = ctx.parameters();
        int restarts = p.intValue("restarts");
        List<Double> healthyMs = new ArrayList<>();
        List<Double> firstMs = new ArrayList<>();
        long measuredFrom = System.nanoTime();
        Instance fresh = null;
        for (int r = 0; r < restarts; r++) {
            if (fresh != null) {
                fresh.close();
            }
            ctx.progress("restart " + (r + 1) + " of " + restarts + " on " + written.length + " records");
            long start = System.nanoTime();
            fresh = ctx.open(firstNumber + r);
            long limitNanos = p.longValue("healthyWithinMs") * 5_000_000;
            Health h = fresh.health();
            while (!h.healthy() && System.nanoTime() - start < limitNanos) {
                h = fresh.health();
            }
            if (!h.healthy()) {
                ctx.addCheck(CheckResult.fail("healthy after start", FailureKind.UNAVAILABLE, "never healthy: " + h.detail(), List.of()));
                fresh.close();
                return;
            }
            healthyMs.add((System.nanoTime() - start) / 1e6);
            int first = written[random.nextInt(written.length)];
            Outcome firstRead = fresh.get(collection(first, collections), key(first));
            firstMs.add((System.nanoTime() - start) / 1e6);
            if (firstRead.isError()) {
                ctx.addCheck(CheckResult.fail("first request", FailureKind.UNAVAILABLE, "the first read failed: " + firstRead.error(), List.of()));
            }
        }
        // the medians under the names a single start had, each start beside them
        ctx.figure("healthyMs", Timing.tenths(Timing.median(healthyMs)));
        ctx.figure("healthyMsEach", Timing.rounded(healthyMs));
        ctx.figure("firstRequestMs", Timing.tenths(Timing.median(firstMs)));
        ctx.figure("firstRequestMsEach", Timing.rounded(firstMs));
        ctx.addCheck(ctx.timeObjective("healthy after start", healthyMs, p.longValue("healthyWithinMs"), "ms", measuredFrom));
        ctx.addCheck(ctx.timeObjective("first request after start", firstMs, p.longValue("firstRequestWithinMs"), "ms", measuredFrom));
        Instance last = fresh;
        long laterFrom = System.nanoTime();
        LoadResult later = ctx.load("loadLaterRequests", LoadModel.Closed.counted(1, p.intValue("laterRequests")), (w, sequence, intended) -> {
            int k = written[random.nextInt(written.length)];
            return last.get(collection(k, collections), key(k));
        });
        double p95 = later.latencyMicros().getValueAtPercentile(95) / 1000.0;
        ctx.figure("laterP95Ms", p95);
        ctx.addCheck(ctx.timeObjective("later requests p95", List.of(p95), p.longValue("laterP95Ms"), "ms", laterFrom));
        last.close();
    }

    private void judgeDamaged(RunContext ctx, Instance fresh, long start, int[] written, int collections, SplittableRandom random,
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
            int k = written[random.nextInt(written.length)];
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
        ctx.addCheck(nothingDeleted(ctx, filesBefore));
    }

    /** No file deleted after the damage was found (the one the damage removed aside). */
    private static CheckResult nothingDeleted(RunContext ctx, long filesBefore) throws IOException {
        long expected = filesBefore - (ctx.parameters().value("damage", Damage.class) == Damage.REMOVE ? 1 : 0);
        long filesAfter = countFiles(ctx.root());
        return filesAfter >= expected
                ? CheckResult.pass("nothing deleted", filesAfter + " files kept (" + expected + " after the damage)")
                : CheckResult.fail("nothing deleted", FailureKind.SILENT_LOSS, (expected - filesAfter) + " files deleted after the damage was found", List.of());
    }

    private static boolean namesDamage(Health h) {
        return !h.healthy() && h.detail().toString().contains(DAMAGED_COLLECTION);
    }

    /** Populating may use this share of the budget; the restarts and the read-back get the rest. */
    private static final double POPULATE_SHARE = 0.5;

    /**
     * Writes the records, in batches where the adapter takes them, until done or half the budget
     * is spent; returns the numbers of the records acknowledged, in order.
     */
    private int[] populate(RunContext ctx, int records, int collections, int valueBytes) throws Exception {
        Instance first = ctx.open(0);
        int writers = first.capabilities().multiProcess() ? ctx.parameters().intValue("populateWriters") : 1;
        int batchSize = first.writesBatches() ? ctx.parameters().intValue("populateBatch") : 1;
        List<Instance> instances = new ArrayList<>(List.of(first));
        for (int w = 1; w < writers; w++) {
            instances.add(ctx.open(w));
        }
        ctx.progress("writing " + records + " records with " + writers + " writers" + (batchSize > 1 ? ", in batches of " + batchSize : ""));
        ProgressMeter meter = ctx.meter("populating", records);
        BitSet acknowledged = new BitSet(records);
        ctx.parallel(writers, w -> {
            SplittableRandom random = ctx.random(w);
            Instance instance = instances.get(w);
            Map<String, Map<String, String>> pending = new LinkedHashMap<>();
            Map<String, List<Integer>> pendingNumbers = new LinkedHashMap<>();
            for (int i = w; i < records && !ctx.budget().spent(POPULATE_SHARE); i += writers) {
                String c = collection(i, collections);
                String value = RunContext.value(random, valueBytes);
                if (batchSize == 1) {
                    record(acknowledged, instance.put(c, key(i), value), List.of(i));
                    meter.advance(1);
                    continue;
                }
                pending.computeIfAbsent(c, x -> new LinkedHashMap<>()).put(key(i), value);
                pendingNumbers.computeIfAbsent(c, x -> new ArrayList<>()).add(i);
                if (pending.get(c).size() == batchSize) {
                    record(acknowledged, instance.putAll(c, pending.remove(c)), pendingNumbers.remove(c));
                    meter.advance(batchSize);
                }
            }
            for (String c : pending.keySet()) {
                record(acknowledged, instance.putAll(c, pending.get(c)), pendingNumbers.get(c));
            }
            instance.flush();
            instance.close();
        });
        int[] written = acknowledged.stream().toArray();
        ctx.figure("recordsPopulated", written.length);
        return written;
    }

    private static void record(BitSet acknowledged, Outcome outcome, List<Integer> numbers) {
        if (outcome.isOk()) {
            synchronized (acknowledged) {
                numbers.forEach(acknowledged::set);
            }
        }
    }

    /**
     * The file to damage: the largest holding the damaged collection's name where the store keeps
     * a file per collection, else the largest file it wrote (a store that keeps everything in one
     * file is damaged there, not skipped). Null when it wrote none.
     */
    private static Path pickVictim(Path root) throws IOException {
        java.util.Comparator<Path> largest = java.util.Comparator.comparingLong(ColdStartScenario::size).thenComparing(Path::toString);
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> all = files.filter(Files::isRegularFile).toList();
            return all.stream().filter(f -> root.relativize(f).toString().contains(DAMAGED_COLLECTION)).max(largest)
                    .or(() -> all.stream().max(largest)).orElse(null);
        }
    }

    private static CheckResult damage(RunContext ctx, Path victim) throws IOException {
        long size = size(victim);
        SplittableRandom random = ctx.random(8);
        String name = ctx.root().relativize(victim).toString();
        Damage how = ctx.parameters().value("damage", Damage.class);
        String done = switch (how) {
            case TRUNCATE -> {
                try (FileChannel ch = FileChannel.open(victim, StandardOpenOption.WRITE)) {
                    ch.truncate(size / 2);
                }
                yield "truncated " + name + " from " + size + " to " + size / 2 + " bytes";
            }
            case ZERO -> {
                long at = size <= 4096 ? 0 : random.nextLong(size - 4096);
                try (FileChannel ch = FileChannel.open(victim, StandardOpenOption.WRITE)) {
                    ch.write(java.nio.ByteBuffer.allocate((int) Math.min(4096, size)), at);
                }
                yield "zeroed " + Math.min(4096, size) + " bytes of " + name + " at " + at;
            }
            case FLIP -> {
                long at = size == 0 ? 0 : random.nextLong(size);
                int bit = random.nextInt(8);
                try (FileChannel ch = FileChannel.open(victim, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(1);
                    ch.read(b, at);
                    b.put(0, (byte) (b.get(0) ^ (1 << bit))).rewind();
                    ch.write(b, at);
                }
                yield "flipped bit " + bit + " of byte " + at + " of " + name;
            }
            case REMOVE -> {
                Files.delete(victim);
                yield "removed " + name + " (" + size + " bytes)";
            }
        };
        return CheckResult.pass("damage", done);
    }

    /**
     * The damaged file held more than one collection (a store that keeps everything in one file):
     * the store may refuse to open, or serve what it can read, but no damaged record may come back
     * as good data, and records may not vanish while health says healthy.
     */
    private void judgeDamagedWhole(RunContext ctx, Instance fresh, SplittableRandom random, long filesBefore) throws IOException {
        Map<String, String> acknowledged = new LinkedHashMap<>();
        for (dev.faultline.engine.Operation o : ctx.history().workload()) {
            if (o.kind() == dev.faultline.engine.OpKind.PUT && o.acknowledged()) {
                acknowledged.put(o.collection() + "/" + o.key(), o.value());
            }
        }
        List<String> keys = new ArrayList<>(acknowledged.keySet());
        List<String> wrong = new ArrayList<>();
        int vanished = 0;
        int loud = 0;
        for (int i = 0; i < Math.min(keys.size(), ctx.parameters().intValue("laterRequests") * 5); i++) {
            String ref = keys.get(random.nextInt(keys.size()));
            int slash = ref.indexOf('/');
            Outcome o = fresh.get(ref.substring(0, slash), ref.substring(slash + 1));
            if (o.isError()) {
                loud++;
            } else if (o.status() == Outcome.Status.NOT_FOUND) {
                vanished++;
            } else if (!o.value().equals(acknowledged.get(ref))) {
                wrong.add(ref + ": read a value that is not the one acknowledged");
            }
        }
        Health h = fresh.health();
        ctx.addCheck(CheckResult.pass("starts", "the store started on its damaged file"));
        if (!wrong.isEmpty()) {
            ctx.addCheck(CheckResult.fail("damage not served as data", FailureKind.CORRUPTION,
                    wrong.size() + " damaged records came back as good data", wrong.stream().limit(8).toList()));
        } else if (vanished > 0 && h.healthy()) {
            ctx.addCheck(CheckResult.fail("health names the damage", FailureKind.CORRUPTION, vanished
                    + " acknowledged records vanished with the damage and health says healthy: " + h.detail(), List.of()));
        } else {
            ctx.addCheck(CheckResult.pass("health names the damage", (vanished + loud) + " reads missed or failed, " + loud
                    + " of them loudly; health: " + (h.healthy() ? "healthy" : "degraded " + h.detail())));
        }
        ctx.addCheck(nothingDeleted(ctx, filesBefore));
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
