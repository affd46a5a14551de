package dev.faultline.process;

import dev.faultline.check.FailureKind;
import dev.faultline.engine.BadInputException;
import dev.faultline.engine.PutAndReadScenario;
import dev.faultline.engine.ScenarioRun;
import dev.faultline.result.ScenarioResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static dev.faultline.assertj.ScenarioResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Real processes that break the protocol in each way it can be broken. */
class ProcessAdapterTest {
    /** Answers open declaring durable-on-put, then behaves as {@code then} says (a shell snippet). */
    private static String program(String then) {
        return "sh -c 'read line; echo \"{\\\"id\\\":1,\\\"ok\\\":true,\\\"capabilities\\\":{\\\"durableAfter\\\":\\\"put\\\"}}\"; " + then + "'";
    }

    @TempDir
    Path base;

    private ScenarioResult run(String command, long timeoutMillis) throws Exception {
        return ScenarioRun.of(new PutAndReadScenario()).adapter(ProcessAdapter.spec(command, Map.of()))
                .baseDirectory(base).operationTimeoutMillis(timeoutMillis).run();
    }

    @Test
    void aProgramThatExitsMidRunIsCrashedWithItsStderrAsEvidence() throws Exception {
        ScenarioResult r = run(program("read line; echo disk on fire >&2; exit 3"), 10_000);
        assertThat(r).failedWith(FailureKind.CRASHED);
        assertThat(r.reason()).contains("exited with status 3");
        assertThat(r.checks().get(0).evidence()).anyMatch(l -> l.contains("disk on fire"));
    }

    @Test
    void aProgramThatStopsAnsweringIsHungAndKilled() throws Exception {
        long started = System.nanoTime();
        ScenarioResult r = run(program("read line; echo stuck >&2; exec sleep 600"), 500);
        assertThat(r).failedWith(FailureKind.HUNG);
        assertThat(r.checks().get(0).evidence()).anyMatch(l -> l.contains("stuck"));
        // Wide margin: the limit is 0.5 s and the child sleeps 600 s; the kill is what ends it.
        assertThat((System.nanoTime() - started) / 1e9).isLessThan(30);
    }

    @Test
    void garbageWrongIdsAndMissingFieldsAreBadInputNamingTheAdapter() {
        assertThatThrownBy(() -> run(program("read line; echo hello"), 10_000))
                .isInstanceOf(BadInputException.class).hasMessageContaining("broke protocol v1").hasMessageContaining("not JSON");
        assertThatThrownBy(() -> run(program("read line; echo \"{\\\"id\\\":7,\\\"ok\\\":true}\""), 10_000))
                .isInstanceOf(BadInputException.class).hasMessageContaining("carries id 7");
        assertThatThrownBy(() -> run(program("read line; echo \"{\\\"id\\\":2}\""), 10_000))
                .isInstanceOf(BadInputException.class).hasMessageContaining("no ok true or false");
    }

    @Test
    void aCommandThatCannotStartIsBadInput() {
        assertThatThrownBy(() -> run("/no/such/adapter --flag", 10_000))
                .isInstanceOf(BadInputException.class).hasMessageContaining("cannot be started");
    }

    @Test
    void theProgramGetsOnlyTheEnvironmentItNeeds() throws Exception {
        ScenarioResult r = ScenarioRun.of(new PutAndReadScenario()).adapter(ProcessAdapter.spec("sh -c 'env >&2; exit 0'", Map.of()))
                .baseDirectory(base).keepData(true).run();
        Path stderr = Path.of(r.runDirectory(), "evidence", "instance-0.stderr.log");
        Map<String, String> env = new java.util.HashMap<>();
        for (String line : java.nio.file.Files.readAllLines(stderr)) {
            int eq = line.indexOf('=');
            if (eq > 0 && line.substring(0, eq).matches("[A-Za-z_][A-Za-z0-9_]*")) {
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        assertThat(env).containsEntry("FAULTLINE_PROTOCOL", "1").containsEntry("FAULTLINE_INSTANCE", "0")
                .containsEntry("FAULTLINE_ROOT", Path.of(r.runDirectory(), "data").toAbsolutePath().toString());
        // Whatever the harness's own environment holds (build tool variables, tokens), only these pass.
        assertThat(env.keySet()).allMatch(name -> name.startsWith("FAULTLINE_")
                || java.util.Set.of("PATH", "HOME", "USER", "LANG", "LC_ALL", "TZ", "TMPDIR", "TEMP", "TMP", "JAVA_HOME", "PWD", "SHLVL", "_").contains(name));
    }
}
