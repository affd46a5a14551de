package dev.faultline.scenarios;

import dev.faultline.check.AcknowledgedWritesChecker;
import dev.faultline.check.AvailabilityChecker;
import dev.faultline.check.CheckResult;
import dev.faultline.check.Checker;
import dev.faultline.check.FailureKind;
import dev.faultline.check.HealthChecker;
import dev.faultline.check.Slo;
import dev.faultline.engine.Instance;
import dev.faultline.engine.ParameterSpec;
import dev.faultline.engine.Parameters;
import dev.faultline.engine.RootListing;
import dev.faultline.engine.RunContext;
import dev.faultline.engine.Scenario;
import dev.faultline.load.LoadModel;
import dev.faultline.spi.Outcome;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Incidents 000 and 001: tests used 5 to 10 samples, production had 50,000 and more, and the
 * store rewrote one ever-growing JSON file on every sample until it was 50 MB and torn. Here
 * 50,000 samples go into one channel, with a flush every {@code flushEvery} (an autosave tick);
 * no file may grow past the bound, the last tenth may not be much slower than the first (the
 * quadratic rewrite shows here), and everything retained must read back intact.
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
        Instance writer = ctx.open(0);
        SplittableRandom random = ctx.random(0);
        int tenth = samples / 10;
        List<Double> tenthSeconds = new ArrayList<>();
        List<Map<String, Object>> growth = new ArrayList<>();
        long[] tenthStart = {System.nanoTime()};
        // one recorder, sample after sample: the engine's throughput per second shows the slowdown as the file grows
        ctx.load("load", LoadModel.Closed.counted(1, samples), (w, sequence, intended) -> {
            int i = (int) (sequence >> 20);
            Outcome put = writer.put(CHANNEL, String.format("sample-%08d", i), RunContext.value(random, valueBytes));
            if ((i + 1) % flushEvery == 0) {
                writer.flush();
            }
            if ((i + 1) % tenth == 0 && tenthSeconds.size() < 10) {
                tenthSeconds.add((System.nanoTime() - tenthStart[0]) / 1e9);
                Path largest = largest(ctx.root());
                growth.add(Map.of("samples", i + 1, "largestFileBytes", largest == null ? 0 : size(largest),
                        "dataBytes", RootListing.totalBytes(ctx.root())));
                tenthStart[0] = System.nanoTime();
                ctx.progress((i + 1) + " of " + samples + " samples");
            }
            return put;
        });
        writer.flush();
        writer.close();

        ctx.figure("tenthSeconds", tenthSeconds);
        ctx.figure("growth", growth); // the report charts it
        double slowdown = tenthSeconds.get(tenthSeconds.size() - 1) / Math.max(1e-6, tenthSeconds.get(0));
        ctx.figure("lastTenthOverFirst", Math.round(slowdown * 100) / 100.0);
        ctx.addCheck(Slo.atMost("last tenth over first tenth", slowdown, p.doubleValue("maxSlowdown"), "times"));
        ctx.addCheck(largestFile(ctx.root(), p.longValue("maxFileBytes"), ctx));
    }

    private static CheckResult largestFile(Path root, long bound, RunContext ctx) throws IOException {
        if (!Files.isDirectory(root)) {
            return CheckResult.pass("file-size", "no files");
        }
        Path largest = largest(root);
        long size = largest == null ? 0 : size(largest);
        ctx.figure("largestFileBytes", size);
        String what = largest == null ? "no files" : root.relativize(largest) + " is " + size + " bytes";
        return size <= bound
                ? CheckResult.pass("file-size", "largest file: " + what + " (bound " + bound + ")")
                : CheckResult.fail("file-size", FailureKind.UNBOUNDED_GROWTH, what + ", over the bound of " + bound + " bytes", List.of(what));
    }

    /** The largest file under {@code root}, or null when there is none. */
    private static Path largest(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).max(Comparator.comparingLong(SampleGrowthScenario::size)).orElse(null);
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public List<Checker> checkers(Parameters p) {
        return List.of(new AcknowledgedWritesChecker(), new HealthChecker(), new AvailabilityChecker(0));
    }
}
