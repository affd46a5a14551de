package dev.faultline.scenarios;

import dev.faultline.check.CheckResult;
import dev.faultline.check.Checker;
import dev.faultline.check.FailureKind;
import dev.faultline.check.Verdict;
import dev.faultline.engine.History;
import dev.faultline.engine.Instance;
import dev.faultline.engine.ParameterSpec;
import dev.faultline.engine.Parameters;
import dev.faultline.engine.RunContext;
import dev.faultline.engine.Scenario;
import dev.faultline.fault.Errno;
import dev.faultline.fault.FaultController;
import dev.faultline.fault.FaultFileSystem;
import dev.faultline.fault.FaultFileSystems;
import dev.faultline.fault.FaultRule;
import dev.faultline.fault.IoOp;
import dev.faultline.spi.Capabilities;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Fault enumeration, the way SQLite tests itself: run a small workload with the Nth file-system
 * operation failing with EIO (once, then persistently from the Nth on), for N = 1, 2, 3, ... until
 * the workload completes without meeting the fault, and after each trial check the invariants:
 * the store opens once the fault is healed, nothing acknowledged is lost, nothing is torn, and
 * health does not hide unreadable data. Each trial runs on a store of its own, in memory (Jimfs).
 */
public final class IoErrorSweepScenario implements Scenario {
    static final String COLLECTION = "sweep";
    private static final IoOp[] EVERY_OP = IoOp.values();

    @Override
    public String name() {
        return "io-error-sweep";
    }

    @Override
    public List<String> incidents() {
        return List.of("000_dd760f200c178de2", "001_57d175989d950be6", "002_e9ea86e380ed0d02");
    }

    @Override
    public String summary() {
        return "fail the Nth I/O operation (once, then from N on) for every N until the workload completes; invariants after each";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(
                ParameterSpec.integer("writes", 12, 1, 10_000, "puts in the workload, over a few keys so some replace others"),
                ParameterSpec.integer("keys", 5, 1, 10_000, "distinct keys"),
                ParameterSpec.integer("maxPoints", 3000, 1, 1_000_000, "injection points tried at most per mode"),
                new ParameterSpec("modes", "once,persistent", "once: only the Nth operation fails; persistent: every operation from the Nth on",
                        text -> List.of(text.split(",")).stream().map(String::trim).peek(m -> {
                            if (!m.equals("once") && !m.equals("persistent")) {
                                throw new IllegalArgumentException("'" + m + "' is not once or persistent");
                            }
                        }).toList()));
    }

    /** Under {@code --shard K/N} each shard tries every N-th injection point, until one of its own completes the workload. */
    @Override
    public boolean splitsTrials() {
        return true;
    }

    @Override
    public void run(RunContext ctx) throws Exception {
        ctx.faults(); // skips the scenario for a process adapter: it needs the in-JVM file system
        Parameters p = ctx.parameters();
        List<String> failures = new ArrayList<>();
        FailureKind worst = null;
        int tried = 0;
        @SuppressWarnings("unchecked")
        List<String> modes = p.value("modes", List.class);
        for (String mode : modes) {
            int n = 1;
            for (; n <= p.intValue("maxPoints"); n++) {
                if (!ctx.shard().takes(n - 1)) {
                    continue;
                }
                tried++;
                Trial trial = trial(ctx, n, mode.equals("persistent"));
                if (trial.failure != null) {
                    failures.add(mode + " N=" + n + ": " + trial.failure.summary() + " " + trial.failure.evidence().stream().limit(3).toList());
                    if (worst == null || trial.failure.kind().compareTo(worst) < 0) {
                        worst = trial.failure.kind();
                    }
                }
                if (!trial.faultFired) {
                    break;
                }
                if (n % 100 == 0) {
                    ctx.progress(mode + ": " + n + " injection points tried, " + failures.size() + " broke an invariant");
                }
            }
            ctx.figure("injectionPoints" + Character.toUpperCase(mode.charAt(0)) + mode.substring(1), n);
        }
        ctx.figure("injectionPointsTried", tried);
        String share = ctx.shard().isWhole() ? "" : " (" + ctx.shard().describe("point") + ")";
        ctx.addCheck(failures.isEmpty()
                ? CheckResult.pass("io-error-sweep", tried + " injection points tried" + share + "; every invariant held after each")
                : CheckResult.fail("io-error-sweep", worst, failures.size() + " of " + tried + " injection points" + share + " broke an invariant", failures));
    }

    private record Trial(boolean faultFired, CheckResult failure) {
    }

    private Trial trial(RunContext ctx, int n, boolean persistent) throws Exception {
        FaultController controller = new FaultController(ctx.seed() + n);
        try (FaultFileSystem fs = FaultFileSystems.create(FaultFileSystems.Flavor.JIMFS_UNIX, null, controller)) {
            controller.add(FaultRule.on(EVERY_OP[0], EVERY_OP).fail(Errno.EIO).afterSkipping(n - 1).times(persistent ? 0 : 1).named("op-" + n));
            History history = new History();
            Capabilities caps = null;
            try {
                Instance writer = ctx.openDetached(fs.root(), history, 0);
                caps = writer.capabilities();
                workload(ctx, writer);
                writer.close();
            } catch (Instance.OpenFailed e) {
                // failing to open under a fault is a loud failure, which is allowed
            }
            boolean fired = !controller.events().isEmpty();
            controller.healAll();
            CheckResult failure = Reopened.firstFailure(ctx, fs.root(), history, caps, "io-error-sweep", Reopened.DURABILITY);
            if (failure == null) {
                return new Trial(fired, null);
            }
            List<String> evidence = new ArrayList<>(controller.describeEvents(3)); // the fault first, then what it broke
            evidence.addAll(failure.evidence());
            return new Trial(fired, new CheckResult(failure.checker(), Verdict.FAIL, failure.kind(), failure.summary(), evidence));
        }
    }

    private void workload(RunContext ctx, Instance writer) {
        Parameters p = ctx.parameters();
        SplittableRandom random = ctx.random(0);
        for (int i = 0; i < p.intValue("writes"); i++) {
            writer.put(COLLECTION, "key-" + (i % p.intValue("keys")), RunContext.value(random, 300));
            if (i == p.intValue("writes") / 2) {
                writer.delete(COLLECTION, "key-0");
            }
        }
        writer.flush();
    }

    /** The sweep judges each trial itself; the engine's read-back of the main root has nothing to read. */
    @Override
    public List<Checker> checkers(Parameters p) {
        return List.of();
    }
}
