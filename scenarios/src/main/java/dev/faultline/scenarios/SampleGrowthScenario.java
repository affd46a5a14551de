package dev.faultline.scenarios;

import dev.faultline.check.AcknowledgedWritesChecker;
import dev.faultline.check.AvailabilityChecker;
import dev.faultline.check.CheckResult;
import dev.faultline.check.Checker;
import dev.faultline.check.FailureKind;
import dev.faultline.check.HealthChecker;
import dev.faultline.check.SpaceChecker;
import dev.faultline.check.Verdict;
import dev.faultline.engine.Instance;
import dev.faultline.engine.ParameterSpec;
import dev.faultline.engine.Parameters;
import dev.faultline.engine.ProgressMeter;
import dev.faultline.engine.RootListing;
import dev.faultline.engine.RunContext;
import dev.faultline.engine.Scenario;
import dev.faultline.load.LoadModel;
import dev.faultline.load.LoadResult;
import dev.faultline.load.RateTrend;
import dev.faultline.spi.Outcome;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Incidents 000 and 001: tests used 5 to 10 samples, production had 50,000 and more, and the
 * store rewrote one ever-growing JSON file on every sample until it was 50 MB and torn. Here
 * 50,000 samples go into one channel, with a flush every {@code flushEvery} (an autosave tick);
 * no file may grow past the bound (the incident's own 10 MB objective, {@code file-size}), all
 * files together may not outgrow the live data ({@code space}: a store that keeps every autosave
 * has no large file, but its disk use grows as the square of the samples), the last tenth may not
 * be much slower than the first (the quadratic rewrite shows here), and everything retained must
 * read back intact.
 */
public final class SampleGrowthScenario implements Scenario {
    static final String CHANNEL = "channel-0";

    @Override
    public String name() {
        return "sample-growth-50k";
    }

    @Override
    public List<String> incidents() {
        return List.of("000_dd760f200c178de2", "001_57d175989d950be6");
    }

    @Override
    public String summary() {
        return "50,000 samples into one channel: files stay under 10 MB, the last tenth is not much slower than the first, all retained samples intact";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(
                ParameterSpec.integer("samples", 50_000, 10, 10_000_000, "samples written (incident 000: 50,000+ in use)"),
                ParameterSpec.integer("valueBytes", 200, 1, 1024 * 1024, "size of one sample"),
                ParameterSpec.integer("flushEvery", 100, 1, 10_000_000, "a flush (autosave) after this many samples"),
                ParameterSpec.integer("maxFileBytes", 10 * 1024 * 1024, 1, Integer.MAX_VALUE, "no file under the root may grow past this"),
                ParameterSpec.decimal("maxSlowdown", 3.0, 1, 1000, "how much slower the last tenth may be than the first"));
    }

    @Override
    public void run(RunContext ctx) throws Exception {
        Parameters p = ctx.parameters();
        int samples = p.intValue("samples");
        int flushEvery = p.intValue("flushEvery");
        int valueBytes = p.intValue("valueBytes");
        double maxSlowdown = p.doubleValue("maxSlowdown");
        long maxFileBytes = p.longValue("maxFileBytes");
        Instance writer = ctx.open(0);
        SplittableRandom random = ctx.random(0);
        int tenth = Math.max(1, samples / 10);
        RateTrend trend = new RateTrend(samples / 100);
        List<Double> tenthSeconds = new ArrayList<>();
        List<Map<String, Object>> growth = new ArrayList<>();
        long[] marks = {System.nanoTime(), System.nanoTime(), System.nanoTime()}; // tenth start, window start, last size check
        int[] done = {0};
        CheckResult[] slowdownSeen = {null};
        long[] crossedAt = {0};
        ProgressMeter meter = ctx.meter("samples", samples);
        long loadFrom = System.nanoTime();
        // one recorder, sample after sample: the engine's throughput per second shows the slowdown as the file grows
        LoadResult load = ctx.load("load", LoadModel.Closed.counted(1, samples), (w, sequence, intended) -> {
            int i = (int) (sequence >> 20);
            Outcome put = writer.put(CHANNEL, String.format("sample-%08d", i), RunContext.value(random, valueBytes));
            if ((i + 1) % flushEvery == 0) {
                writer.flush();
            }
            done[0] = i + 1;
            meter.advance(1);
            long now = System.nanoTime();
            if ((i + 1) % trend.windowOperations() == 0) {
                trend.record((now - marks[1]) / 1e9);
                marks[1] = now;
                double slowdown = trend.slowdownNow();
                if (slowdown > maxSlowdown) {
                    slowdownSeen[0] = CheckResult.fail("slowdown while writing", FailureKind.SLO_MISS, String.format(
                            "after %d of %d samples the latest windows of %d are already %.1f times slower than the first (bound %.1f)",
                            i + 1, samples, trend.windowOperations(), slowdown, maxSlowdown), List.of("window seconds: " + trend.windowSeconds()));
                }
                if (now - marks[2] > 1_000_000_000L) { // a walk of the root at most once a second
                    marks[2] = now;
                    if (largestBytes(ctx.root()) > maxFileBytes) {
                        crossedAt[0] = i + 1;
                    }
                }
            }
            if ((i + 1) % tenth == 0 && tenthSeconds.size() < 10) {
                tenthSeconds.add((now - marks[0]) / 1e9);
                growth.add(Map.of("samples", i + 1, "largestFileBytes", largestBytes(ctx.root()),
                        "dataBytes", RootListing.totalBytes(ctx.root())));
                marks[0] = System.nanoTime();
            }
            return put;
        }, () -> slowdownSeen[0] != null || crossedAt[0] > 0);
        writer.flush();
        writer.close();

        ctx.figure("tenthSeconds", tenthSeconds);
        ctx.figure("growth", growth); // the report charts it
        ctx.figure("samplesWritten", done[0]);
        if (crossedAt[0] > 0) {
            ctx.figure("fileBoundCrossedAtSample", crossedAt[0]);
        }
        if (done[0] == samples) {
            double slowdown = tenthSeconds.get(tenthSeconds.size() - 1) / Math.max(1e-6, tenthSeconds.get(0));
            ctx.figure("lastTenthOverFirst", Math.round(slowdown * 100) / 100.0);
            ctx.addCheck(ctx.timeObjective("last tenth over first tenth", List.of(slowdown), maxSlowdown, "times", loadFrom));
        } else if (slowdownSeen[0] != null) {
            ctx.addCheck(slowdownSeen[0]);
        } else if (load.stoppedEarly() && crossedAt[0] == 0) {
            ctx.addCheck(judgeUnfinished(ctx, trend, done[0], samples, maxSlowdown));
        }
        ctx.addCheck(largestFile(ctx.root(), maxFileBytes, crossedAt[0], ctx));
    }

    /** The budget ran out first: the rate trend says whether the slowdown bound would have been missed. */
    private static CheckResult judgeUnfinished(RunContext ctx, RateTrend trend, int done, int samples, double maxSlowdown) {
        double projected = trend.projectedLastTenthOverFirst(samples);
        double secondsLeft = trend.projectedSecondsLeft(done, samples);
        ctx.figure("projectedLastTenthOverFirst", Math.round(projected * 100) / 100.0);
        ctx.figure("projectedSecondsToFinish", Math.round(secondsLeft));
        String what = String.format("the budget of %s was spent after %d of %d samples; the rate trend projects the last tenth %.1f times "
                + "slower than the first (bound %.1f) and %.0f s more to finish", ctx.budget(), done, samples, projected, maxSlowdown, secondsLeft);
        List<String> evidence = List.of("window seconds (" + trend.windowOperations() + " samples each): " + trend.windowSeconds());
        return projected > maxSlowdown
                ? CheckResult.fail("slowdown projected", FailureKind.SLO_MISS, what, evidence)
                : new CheckResult("slowdown projected", Verdict.UNKNOWN, null, what, evidence);
    }

    /** @param crossedAt the sample after which the bound was first seen crossed, or 0 */
    private static CheckResult largestFile(Path root, long bound, long crossedAt, RunContext ctx) throws IOException {
        if (!Files.isDirectory(root)) {
            return CheckResult.pass("file-size", "no files");
        }
        RootListing.Sized largest = RootListing.largestFile(root);
        long size = largest == null ? 0 : largest.bytes();
        ctx.figure("largestFileBytes", size);
        String what = (largest == null ? "no files" : root.relativize(largest.path()) + " is " + size + " bytes")
                + (crossedAt > 0 ? " (the bound was crossed by sample " + crossedAt + ", where the workload stopped)" : "");
        return size <= bound
                ? CheckResult.pass("file-size", "largest file: " + what + " (bound " + bound + ")")
                : CheckResult.fail("file-size", FailureKind.UNBOUNDED_GROWTH, what + ", over the bound of " + bound + " bytes", List.of(what));
    }

    private static long largestBytes(Path root) {
        RootListing.Sized largest = RootListing.largestFile(root);
        return largest == null ? 0 : largest.bytes();
    }

    @Override
    public List<Checker> checkers(Parameters p) {
        return List.of(new AcknowledgedWritesChecker(), new HealthChecker(), new AvailabilityChecker(0), SpaceChecker.always());
    }
}
