package dev.faultline.scenarios;

import dev.faultline.engine.ParameterSpec;
import dev.faultline.engine.Parameters;
import dev.faultline.engine.RunContext;
import dev.faultline.fault.Errno;
import dev.faultline.fault.FaultController;
import dev.faultline.fault.FaultRule;
import dev.faultline.fault.IoOp;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * A building block of composed scenarios: one fault a {@link FaultSchedule} starts and heals while
 * any workload runs (Jepsen's nemesis). Made ready before the first instance opens, since the
 * store must work on the fault file system, the tmpfs or the proxied link from the start; one
 * that cannot reach the adapter (a file-system fault and a process adapter, a network fault and
 * a store without a database) skips the scenario with the reason.
 */
public interface Fault {

    /** The name a scenario file gives as {@code fault:}. */
    String name();

    String summary();

    /** Its settings in a scenario file, besides {@code from} and {@code until}. */
    List<ParameterSpec> parameters();

    /** Gets the fault ready on the run; nothing is injected until {@link Injection#start()}. */
    Injection prepare(RunContext ctx, Parameters p) throws IOException;

    /** A fault ready to start, then to heal. */
    interface Injection {
        /** Starts the fault; returns what it did, for the history. */
        String start() throws IOException;

        void heal() throws IOException;
    }

    /** Every fault a scenario file can name. */
    static List<Fault> all() {
        return List.of(new DiskFull(), new RuleFault("eperm-rename",
                        "renames fail with EPERM, as Windows antivirus and indexers make them (incident 001); in-process adapters",
                        List.of(IoOp.RENAME), Errno.EPERM),
                new RuleFault("io-error", "writes and fsyncs fail with EIO, now and then (what io-error-sweep enumerates; incidents 000-002); in-process adapters",
                        List.of(IoOp.WRITE, IoOp.FORCE), Errno.EIO),
                new RuleFault("slow-disk", "every write and fsync waits (a slow volume, against incident 004's latency objectives); in-process adapters",
                        List.of(IoOp.WRITE, IoOp.FORCE), null),
                new LinkDown());
    }

    /** The disk fills: a quota (JVM) or a shrunk tmpfs (processes) just above what is used. */
    final class DiskFull implements Fault {
        @Override
        public String name() {
            return "disk-full";
        }

        @Override
        public String summary() {
            return "the disk fills: the fault file system's quota in process, a real tmpfs for processes (incidents 000, 001)";
        }

        @Override
        public List<ParameterSpec> parameters() {
            return List.of(ParameterSpec.integer("headroomBytes", 16 * 1024, 0, Integer.MAX_VALUE, "free space left when the disk fills"));
        }

        @Override
        public Injection prepare(RunContext ctx, Parameters p) throws IOException {
            FillingDisk disk = FillingDisk.of(ctx);
            return new Injection() {
                @Override
                public String start() throws IOException {
                    return "disk full at " + disk.fill(p.longValue("headroomBytes")) + " bytes";
                }

                @Override
                public void heal() throws IOException {
                    disk.free();
                }
            };
        }
    }

    /** A fault file system rule: some operations fail with an errno (or only wait), with a probability. */
    record RuleFault(String name, String summary, List<IoOp> ops, Errno errno) implements Fault {
        @Override
        public List<ParameterSpec> parameters() {
            return errno == null
                    ? List.of(ParameterSpec.integer("delayMs", 20, 0, 60_000, "how long each write and fsync waits"))
                    : List.of(ParameterSpec.decimal("probability", 0.2, 0, 1, "the share of matching operations that fail"));
        }

        @Override
        public Injection prepare(RunContext ctx, Parameters p) throws IOException {
            FaultController faults = ctx.faults();
            FaultRule base = FaultRule.on(ops.get(0), ops.subList(1, ops.size()).toArray(IoOp[]::new)).named(name);
            FaultRule rule = errno == null
                    ? base.delayOnly(Duration.ofMillis(p.longValue("delayMs")))
                    : base.fail(errno).withProbability(p.doubleValue("probability"));
            return new Injection() {
                @Override
                public String start() {
                    faults.add(rule);
                    return name + ": " + ops + (errno == null ? " wait " + p.longValue("delayMs") + " ms"
                            : " fail with " + errno + " with probability " + p.doubleValue("probability"));
                }

                @Override
                public void heal() {
                    faults.heal(name);
                }
            };
        }
    }

    /** The database link goes down: new connections refused, live ones cut (incident 003's outage). */
    final class LinkDown implements Fault {
        @Override
        public String name() {
            return "link-down";
        }

        @Override
        public String summary() {
            return "the link to the store's database goes down (incident 003); adapters with a network backend";
        }

        @Override
        public List<ParameterSpec> parameters() {
            return List.of();
        }

        @Override
        public Injection prepare(RunContext ctx, Parameters p) throws IOException {
            var link = ctx.network();
            return new Injection() {
                @Override
                public String start() throws IOException {
                    link.down();
                    return "database link down";
                }

                @Override
                public void heal() throws IOException {
                    link.up();
                }
            };
        }
    }
}
