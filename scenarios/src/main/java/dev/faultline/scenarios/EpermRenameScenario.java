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
import dev.faultline.fault.Errno;
import dev.faultline.fault.FaultController;
import dev.faultline.fault.FaultRule;
import dev.faultline.fault.IoOp;
import dev.faultline.fault.os.Libfiu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Incident 001: on Windows an antivirus or indexer holds a file it has just seen written, and a
 * rename or replace of it fails with EPERM / access denied for a moment. Here a simulated scanner
 * holds every freshly written file (and, optionally, the first renames fail outright); the store
 * must retry or fall back and end with every acknowledged write readable, or fail loudly, and
 * must not leave temporary files piling up. For a process adapter libfiu plays the scanner: every
 * rename in its processes fails with EPERM for {@code holdMs} after each write is issued (Linux
 * with libfiu; SKIPPED elsewhere); {@code failFirstRenames} applies in process only. On Windows
 * the scanner is real, for any adapter: the harness opens each file written for {@code holdMs}
 * the way a scanner does, and renames onto it fail with real sharing violations.
 */
public final class EpermRenameScenario implements Scenario {
    static final String COLLECTION = "state";

    @Override
    public String name() {
        return "eperm-rename";
    }

    @Override
    public List<String> incidents() {
        return List.of("001_57d175989d950be6");
    }

    @Override
    public String summary() {
        return "a scanner holds freshly written files (EACCES on rename, as on Windows): retries win, nothing acknowledged is lost, no temp files pile up";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(
                ParameterSpec.integer("writes", 40, 1, 1_000_000, "puts, over a few keys so most replace an existing file"),
                ParameterSpec.integer("keys", 10, 1, 1_000_000, "distinct keys"),
                ParameterSpec.integer("holdMs", 50, 0, 60_000, "how long the scanner holds a file after it is written"),
                ParameterSpec.integer("failFirstRenames", 3, 0, 1_000_000, "renames that fail with EPERM outright, before the scanner's"),
                ParameterSpec.integer("valueBytes", 2048, 1, 16 * 1024 * 1024, "size of each value"));
    }

    @Override
    public void run(RunContext ctx) throws Exception {
        Parameters p = ctx.parameters();
        Duration hold = Duration.ofMillis(p.longValue("holdMs"));
        boolean real = ctx.os().windowsScanner(hold).isPresent(); // Windows: sharing violations for real
        if (real) {
            ctx.progress("a scanner holds every file written for " + hold.toMillis() + " ms (real Windows sharing violations)");
        } else if (ctx.inProcess()) {
            FaultController faults = ctx.faults();
            faults.scanner("**", hold, Errno.EACCES);
            if (p.intValue("failFirstRenames") > 0) {
                faults.add(FaultRule.on(IoOp.RENAME).fail(Errno.EPERM).times(p.intValue("failFirstRenames")).named("eperm-first-renames"));
            }
        } else {
            ctx.os().useLibfiu();
        }
        SplittableRandom random = ctx.random(0);
        Instance writer = ctx.open(0);
        boolean viaLibfiu = !real && !ctx.inProcess();
        ctx.load("load", LoadModel.Closed.counted(1, p.intValue("writes")), (w, sequence, intended) -> {
            if (viaLibfiu) {
                ctx.os().failFor(Libfiu.RENAME, Errno.EPERM, hold);
            }
            return writer.put(COLLECTION, "key-" + random.nextInt(p.intValue("keys")), RunContext.value(random, p.intValue("valueBytes")));
        });
        writer.flush();
        writer.close();
        ctx.addCheck(temporaryFiles(ctx.root()));
    }

    /** Files with "tmp" in their name left behind: the pile-up incident 001 saw. */
    static CheckResult temporaryFiles(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return CheckResult.pass("temporary-files", "no storage directory");
        }
        List<String> left;
        try (Stream<Path> files = Files.walk(root)) {
            left = files.filter(Files::isRegularFile)
                    .map(f -> root.relativize(f).toString())
                    .filter(name -> name.toLowerCase(Locale.ROOT).contains("tmp"))
                    .toList();
        }
        return left.isEmpty()
                ? CheckResult.pass("temporary-files", "no temporary files left behind")
                : CheckResult.fail("temporary-files", FailureKind.UNBOUNDED_GROWTH, left.size() + " temporary files left behind", left);
    }

    /** Loud failures are an allowed answer to a rename that keeps failing, so availability is not judged. */
    @Override
    public List<Checker> checkers(Parameters p) {
        return List.of(new AcknowledgedWritesChecker(), new ReadsChecker(), new HealthChecker());
    }
}
