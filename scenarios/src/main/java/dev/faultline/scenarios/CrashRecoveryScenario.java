package dev.faultline.scenarios;

import dev.faultline.check.AcknowledgedWritesChecker;
import dev.faultline.check.Checker;
import dev.faultline.check.HealthChecker;
import dev.faultline.engine.Instance;
import dev.faultline.engine.ParameterSpec;
import dev.faultline.engine.Parameters;
import dev.faultline.engine.RunContext;
import dev.faultline.engine.Scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/**
 * Incident 000's torn JSON ("Unterminated string in JSON at position 532480"): the world stops
 * mid-write. In process, the fault file system crashes the way LazyFS does (what was not forced
 * is lost, a write in flight is torn); a process adapter is killed with SIGKILL. After restart,
 * everything the adapter promised durable (by put, or by a flush that succeeded) must be there
 * and nothing may be torn. With several writers, a control run without the crash comes first:
 * a store that loses updates between writers fails there, named as such, not as a crash bug.
 */
public final class CrashRecoveryScenario implements Scenario {
    static final String COLLECTION = "watch";

    @Override
    public String name() {
        return "crash-recovery";
    }

    @Override
    public List<String> incidents() {
        return List.of("000_dd760f200c178de2");
    }

    @Override
    public String summary() {
        return "the world stops mid-write (LazyFS-style crash in process, SIGKILL for processes); what was promised durable survives, nothing torn";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(
                ParameterSpec.integer("writers", 2, 1, 64, "instances writing (1 unless the adapter declares multiProcess)"),
                ParameterSpec.integer("writes", 400, 1, 1_000_000, "puts per writer before the crash point is reached"),
                ParameterSpec.integer("flushEvery", 25, 1, 1_000_000, "a flush after this many puts, so flush-durable stores have promises to keep"),
                ParameterSpec.integer("valueBytes", 1024, 1, 16 * 1024 * 1024, "size of each value"),
                ParameterSpec.decimal("crashAt", 0.7, 0, 1, "when the crash comes, as a share of the writes (a seeded jitter is added)"));
    }

    @Override
    public void run(RunContext ctx) throws Exception {
        if (ctx.inProcess()) {
            ctx.faults().trackCrashes();
        }
        List<Instance> writers = new ArrayList<>(List.of(ctx.open(0)));
        int count = ctx.capabilities().multiProcess() ? ctx.parameters().intValue("writers") : 1;
        if (count > 1 && !control(ctx, count)) {
            return; // the workload fails without the crash: that is the finding, and the crash would only blur it
        }
        for (int w = 1; w < count; w++) {
            writers.add(ctx.open(w));
        }
        int writes = ctx.parameters().intValue("writes");
        SplittableRandom jitter = ctx.random(1000);
        int crashAfter = (int) Math.min(writes - 1, Math.max(1, writes * ctx.parameters().doubleValue("crashAt")
                + jitter.nextInt(-writes / 10 - 1, writes / 10 + 1)));
        CompletableFuture<Void> crashPoint = new CompletableFuture<>();
        ctx.progress(count + " writers; the crash comes after writer 0's put " + crashAfter);
        List<CompletableFuture<Void>> done = write(ctx, writers, crashAfter, crashPoint);
        crashPoint.get();
        ctx.crash();
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).join();
        ctx.progress("crashed; restarting on what survived");
    }

    /**
     * The control run: the same writers and writes on a store of their own, with no crash, then a
     * fresh instance judges it. A store whose writers lose each other's updates fails here, and
     * the verdict says so instead of blaming the crash. Returns whether it held.
     */
    private boolean control(RunContext ctx, int count) throws Exception {
        return Reopened.control(ctx, "crash", "between its " + count + " writers, not in recovery", Reopened.DURABILITY, (root, history) -> {
            List<Instance> writers = new ArrayList<>();
            for (int w = 0; w < count; w++) {
                writers.add(ctx.openDetached(root, history, w));
            }
            List<CompletableFuture<Void>> done = write(ctx, writers, -1, new CompletableFuture<>());
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).join();
            return writers;
        });
    }

    /**
     * Each writer's puts (and a flush every {@code flushEvery}) in a thread of its own, until done
     * or the crash point; writer 0 reaches the crash point after put {@code crashAfter} (-1: never).
     */
    private static List<CompletableFuture<Void>> write(RunContext ctx, List<Instance> writers, int crashAfter, CompletableFuture<Void> crashPoint) {
        Parameters p = ctx.parameters();
        int writes = p.intValue("writes");
        int flushEvery = p.intValue("flushEvery");
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (int w = 0; w < writers.size(); w++) {
            Instance writer = writers.get(w);
            SplittableRandom random = ctx.random(w);
            int writerNumber = w;
            done.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < writes && !crashPoint.isDone(); i++) {
                    writer.put(COLLECTION, "w" + writerNumber + "-sample-" + (i % 50), RunContext.value(random, p.intValue("valueBytes")));
                    if (i % flushEvery == flushEvery - 1) {
                        writer.flush();
                    }
                    if (writerNumber == 0 && i == crashAfter) {
                        crashPoint.complete(null);
                    }
                }
            }).exceptionally(e -> null)); // the crash makes the dead writers' calls fail; that is the point
        }
        return done;
    }

    /** The crash makes operations fail; loud failures are expected and not judged. */
    @Override
    public List<Checker> checkers(Parameters p) {
        return List.of(new AcknowledgedWritesChecker(), new HealthChecker());
    }
}
