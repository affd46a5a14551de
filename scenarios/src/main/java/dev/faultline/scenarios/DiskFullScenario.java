package dev.faultline.scenarios;

import dev.faultline.check.AcknowledgedWritesChecker;
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
import dev.faultline.load.LoadModel;
import dev.faultline.spi.Outcome;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Incidents 000 and 001: the disk fills mid-run. In process the fault file system's quota plays
 * the full disk; for a process adapter a real tmpfs is mounted on its root and shrunk to just
 * above what is used (Linux, root; SKIPPED elsewhere). The legacy store acknowledged every sample while
 * its fire-and-forget saves failed with ENOSPC; closed while the disk was still full, it lost all
 * of them. Here: writes, then the disk fills (a quota a little above what is used), more writes
 * (which must fail loudly or be kept), a flush, the store closed while full; then space is freed,
 * the store reopens and must write again, and everything acknowledged and flushed must be there.
 */
public final class DiskFullScenario implements Scenario {
    static final String COLLECTION = "samples";

    @Override
    public String name() {
        return "disk-full";
    }

    @Override
    public List<String> incidents() {
        return List.of("000_dd760f200c178de2", "001_57d175989d950be6");
    }

    @Override
    public String summary() {
        return "the disk fills mid-run: writes fail loudly, nothing acknowledged is lost, the store writes again once space is freed";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(
                ParameterSpec.integer("keysBefore", 100, 1, 1_000_000, "writes before the disk fills"),
                ParameterSpec.integer("keysWhileFull", 100, 1, 1_000_000, "writes attempted while the disk is full"),
                ParameterSpec.integer("keysAfter", 20, 1, 1_000_000, "writes after space is freed, which must succeed"),
                ParameterSpec.integer("valueBytes", 4096, 1, 16 * 1024 * 1024, "size of each sample"),
                ParameterSpec.integer("headroomBytes", 16 * 1024, 0, Integer.MAX_VALUE, "free space left when the disk fills"));
    }

    @Override
    public void run(RunContext ctx) throws Exception {
        Parameters p = ctx.parameters();
        long headroom = p.longValue("headroomBytes");
        FillingDisk disk = FillingDisk.of(ctx);
        int valueBytes = p.intValue("valueBytes");
        SplittableRandom random = ctx.random(0);
        AtomicInteger key = new AtomicInteger();

        // three phases of one recorder, each through the load engine: its figures count the errors by kind (ENOSPC) of each
        Instance writer = ctx.open(0);
        ctx.load("loadBeforeFull", LoadModel.Closed.counted(1, p.intValue("keysBefore")), (w, sequence, intended) ->
                writer.put(COLLECTION, "sample-" + key.getAndIncrement(), RunContext.value(random, valueBytes)));
        writer.flush();
        long limit = disk.fill(headroom);
        ctx.progress("disk full at " + limit + " bytes");
        ctx.load("loadWhileFull", LoadModel.Closed.counted(1, p.intValue("keysWhileFull")), (w, sequence, intended) ->
                writer.put(COLLECTION, "sample-" + key.getAndIncrement(), RunContext.value(random, valueBytes)));
        writer.flush();
        writer.close(); // closed while the disk is still full, as a user quits the editor

        disk.free();
        ctx.progress("space freed; the store must write again");
        Instance reopened = ctx.open(1);
        List<String> failedAfter = new ArrayList<>();
        ctx.load("loadAfterFree", LoadModel.Closed.counted(1, p.intValue("keysAfter")), (w, sequence, intended) -> {
            String k = "sample-" + key.getAndIncrement();
            Outcome o = reopened.put(COLLECTION, k, RunContext.value(random, valueBytes));
            if (o.isError()) {
                failedAfter.add(COLLECTION + "/" + k + ": " + o.error());
            }
            return o;
        });
        reopened.flush();
        ctx.addCheck(failedAfter.isEmpty()
                ? CheckResult.pass("recovers", "all " + p.intValue("keysAfter") + " writes after space was freed succeeded")
                : CheckResult.fail("recovers", FailureKind.UNAVAILABLE, failedAfter.size() + " writes failed after space was freed", failedAfter));
    }

    /** Loud failures while the disk is full are the right answer, so availability is not judged. */
    @Override
    public List<Checker> checkers(Parameters p) {
        return List.of(new AcknowledgedWritesChecker(), new ReadsChecker(), new HealthChecker());
    }
}
