package dev.faultline.cli;

import dev.faultline.fault.os.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A run stopped with SIGTERM (as Ctrl-C or a CI timeout does) leaves no mount and no process behind. */
class InterruptedRunTest {
    @TempDir
    Path dir;

    @Test
    void sigtermUnmountsTheTmpfsAndKillsTheAdapterProcesses() throws Exception {
        assumeTrue(Platform.whyNoTmpfs().isEmpty(), () -> Platform.whyNoTmpfs().orElse(""));
        Path work = dir.resolve("work");
        Process harness = startDiskFullOnTmpfs(work);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            assertThat(mountedUnder(work)).as(Files.readString(dir.resolve("harness.log"))).isTrue();
            while (harness.descendants().noneMatch(p -> p.info().commandLine().orElse("").contains("serve"))
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            List<ProcessHandle> children = harness.descendants().toList();
            assertThat(children).isNotEmpty();

            harness.destroy(); // SIGTERM
            assertThat(harness.waitFor(60, TimeUnit.SECONDS)).isTrue();

            assertThat(mountedUnder(work)).isFalse();
            for (ProcessHandle child : children) {
                child.onExit().get(10, TimeUnit.SECONDS);
                assertThat(child.isAlive()).isFalse();
            }
            // the interrupted scenario is in result.json, UNKNOWN with what was seen, and its run directory says how it ended
            var result = new com.fasterxml.jackson.databind.ObjectMapper().readTree(dir.resolve("report/result.json").toFile()).get("results").get(0);
            assertThat(result.get("verdict").asText()).as(Files.readString(dir.resolve("harness.log"))).isEqualTo("UNKNOWN");
            assertThat(result.get("reason").asText()).contains("SIGTERM or Ctrl-C").contains("operations");
            try (var runs = Files.list(work)) {
                for (Path run : runs.toList()) {
                    assertThat(dev.faultline.engine.RunDirectories.howEnded(run)).hasValue("interrupted");
                }
            }
        } finally {
            harness.destroyForcibly();
        }
    }

    @Test
    void whatAKilledHarnessLeftIsReclaimedByTheNextRun() throws Exception {
        assumeTrue(Platform.whyNoTmpfs().isEmpty(), () -> Platform.whyNoTmpfs().orElse(""));
        Path work = dir.resolve("work");
        Process harness = startDiskFullOnTmpfs(work);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            assertThat(mountedUnder(work)).isTrue();
            harness.destroyForcibly(); // SIGKILL: no shutdown hook runs
            harness.waitFor(30, TimeUnit.SECONDS);
            assertThat(mountedUnder(work)).as("a SIGKILLed harness cannot clean up").isTrue();

            java.io.StringWriter err = new java.io.StringWriter();
            int status = Main.execute(new String[] {"run", "--scenario", "multi-writer", "--adapter", "reference", "-q",
                    "--work-dir", work.toString(), "--report-dir", dir.resolve("report").toString(), "--param", "writers=2"},
                    new java.io.PrintWriter(new java.io.StringWriter(), true), new java.io.PrintWriter(err, true));
            assertThat(status).isZero();
            assertThat(err.toString()).contains("reclaimed");
            assertThat(mountedUnder(work)).isFalse();
            try (var left = Files.walk(work)) {
                assertThat(left.filter(p -> !p.equals(work)).toList()).as(err + " serving: "
                        + ProcessHandle.allProcesses().filter(h -> h.info().commandLine().orElse("").contains(" serve "))
                        .map(h -> h.pid() + " " + h.info().startInstant().orElse(null)).toList()).isEmpty();
            }
        } finally {
            harness.destroyForcibly();
        }
    }

    @Test
    void theEmbeddedPostgresGoesWithSigtermOrAtTheNextRun() throws Exception {
        Path work = dir.resolve("work");
        List<String> probeScriptsBefore = probeScripts();
        for (boolean kill : new boolean[] {false, true}) {
            String java = Cli.java();
            Process harness = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run",
                    "--scenario", "pool-exhaustion", "--adapter", "reference-http", "--param", "stallMs=120000", "--work-dir", work.toString(),
                    "--report-dir", dir.resolve("report").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("network-harness.log").toFile()).start();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                List<ProcessHandle> postgres = List.of();
                // the server itself, not initdb's bootstrap (also "postgres -D ..."): its pid file is written
                while ((postgres.isEmpty() || !serverStartedUnder(work)) && System.nanoTime() < deadline && harness.isAlive()) {
                    Thread.sleep(200);
                    postgres = postgresUnder(work);
                }
                assertThat(postgres).as(Files.readString(dir.resolve("network-harness.log"))).isNotEmpty();
                if (kill) {
                    harness.destroyForcibly(); // SIGKILL: the server outlives the harness
                    harness.waitFor(30, TimeUnit.SECONDS);
                    assertThat(postgresUnder(work)).as("a SIGKILLed harness cannot stop its server").isNotEmpty();
                    java.io.StringWriter err = new java.io.StringWriter();
                    Main.execute(new String[] {"run", "--scenario", "multi-writer", "--adapter", "reference", "-q", "--param", "writers=2",
                            "--work-dir", work.toString(), "--report-dir", dir.resolve("report").toString()},
                            new java.io.PrintWriter(new java.io.StringWriter(), true), new java.io.PrintWriter(err, true));
                    assertThat(err.toString()).contains("reclaimed");
                    // zonky's Linux probe script is deleted once probed: a SIGKILLed run leaves none in the temporary directory
                    assertThat(probeScripts()).isSubsetOf(probeScriptsBefore);
                } else {
                    harness.destroy(); // SIGTERM
                    assertThat(harness.waitFor(60, TimeUnit.SECONDS)).isTrue();
                }
                for (ProcessHandle p : postgres) {
                    p.onExit().get(30, TimeUnit.SECONDS);
                }
                assertThat(postgresUnder(work)).isEmpty();
            } finally {
                harness.destroyForcibly();
            }
        }
    }

    private static List<String> probeScripts() throws java.io.IOException {
        try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("detect_linux_distribution_")).toList();
        }
    }

    private static boolean serverStartedUnder(Path work) throws java.io.IOException {
        try (var runs = Files.list(work)) {
            return runs.anyMatch(run -> Files.exists(run.resolve("postgres/postmaster.pid")));
        }
    }

    /** PostgreSQL processes whose data directory is under {@code work}. */
    private static List<ProcessHandle> postgresUnder(Path work) {
        String path = work.toAbsolutePath().toString();
        return ProcessHandle.allProcesses().filter(h -> {
            String cmd = h.info().commandLine().orElse("");
            return cmd.contains("postgres") && cmd.contains(path) && !cmd.contains("java");
        }).toList();
    }

    /** A harness in its own JVM, writing a process adapter's data onto a tmpfs it mounted; returns once mounted. */
    private Process startDiskFullOnTmpfs(Path work) throws Exception {
        Process harness = new ProcessBuilder(Cli.java(), "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run",
                "--scenario", "disk-full", "--adapter-command", Cli.serveCommand("reference"), "--work-dir", work.toString(), "--report-dir", dir.resolve("report").toString(),
                "--param", "keysBefore=1000000")
                .redirectErrorStream(true).redirectOutput(dir.resolve("harness.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!mountedUnder(work) && System.nanoTime() < deadline && harness.isAlive()) {
            Thread.sleep(100);
        }
        return harness;
    }

    private static boolean mountedUnder(Path dir) throws Exception {
        String prefix = dir.toAbsolutePath().normalize().toString();
        return Files.readAllLines(Path.of("/proc/mounts")).stream().anyMatch(l -> l.split(" ")[1].startsWith(prefix));
    }
}
