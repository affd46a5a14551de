package dev.faultline.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The reclaim after a SIGKILLed harness, with real processes that keep writing into the run directory. */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "forks real process trees with sh, which Windows lacks; the reclaim on Windows is untested")
class RunDirectoriesTest {
    @TempDir
    Path base;

    @Test
    void aReclaimKillsWhatNamesTheRunsPathWithItsChildrenAndNothingElse() throws Exception {
        Path run = abandonedRun("killed");
        Path data = Files.createDirectory(run.resolve("postgres"));
        RunDirectories.recordProcessesNaming(run, data);
        // a server that forks a writer every 50 ms, as a postmaster forks workers, each writing under the data directory
        String server = "while true; do (while true; do echo x >> \"$0/w$$\"; sleep 0.01; done) & sleep 0.05; done";
        Process named = new ProcessBuilder("sh", "-c", server, data.toString()).start();
        Process stranger = new ProcessBuilder("sh", "-c", "sleep 600", base.resolve("elsewhere").toString()).start();
        // a path that merely contains the run's as a string (another work directory) is not the run's
        Process lookalike = new ProcessBuilder("sh", "-c", "sleep 600", "/var" + data).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (named.descendants().count() < 6 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            List<ProcessHandle> tree = named.descendants().toList();
            assertThat(tree).hasSizeGreaterThanOrEqualTo(3); // its short-lived sleeps come and go

            assertThat(RunDirectories.reclaimAbandoned(base)).containsExactly(run);

            assertThat(run).doesNotExist();
            assertThat(named.isAlive()).isFalse();
            assertThat(tree).noneMatch(ProcessHandle::isAlive);
            assertThat(stranger.isAlive()).as("a process that does not name the run's path is not the run's").isTrue();
            assertThat(lookalike.isAlive()).as("a path that contains the run's is not the run's").isTrue();
        } finally {
            named.destroyForcibly();
            stranger.destroyForcibly();
            lookalike.destroyForcibly();
        }
    }

    @Test
    void aDamagedRecordKillsNothing() throws Exception {
        Path run = abandonedRun("damaged");
        Process bystander = new ProcessBuilder("sleep", "600").start();
        try {
            Files.writeString(run.resolve(".faultline-processes"), "naming \nnaming /\nnaming relative/path\n");
            assertThat(RunDirectories.reclaimAbandoned(base)).containsExactly(run);
            assertThat(bystander.isAlive()).isTrue();
        } finally {
            bystander.destroyForcibly();
        }
    }

    @Test
    void onlyAPathInsideTheRunDirectoryCanBeClaimed() throws Exception {
        Path run = abandonedRun("claims");
        assertThatThrownBy(() -> RunDirectories.recordProcessesNaming(run, base.resolve("other")))
                .hasMessageContaining("not inside the run directory");
    }

    /** A run directory marked running by a process that has exited, as a SIGKILLed harness leaves it. */
    private Path abandonedRun(String name) throws Exception {
        Path run = RunDirectories.create(base, name);
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(run.resolve(RunDirectories.MARKER), "running, pid " + gone.pid() + "\n");
        return run;
    }
}
