package dev.faultline.scenarios;

import dev.faultline.check.CheckResult;
import dev.faultline.check.FailureKind;
import dev.faultline.engine.Catalog;
import dev.faultline.result.ScenarioResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static dev.faultline.assertj.ScenarioResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * crash-explore has teeth (issue 16): one switch away from the reference store, each store that
 * relies on something POSIX does not promise FAILs, with the smallest failing crash state as
 * evidence; the reference store and a correct append-only log PASS.
 */
class CrashExploreTest {

    @Test
    void theReferenceStoreRecoversFromEveryCrashState() throws Exception {
        for (long seed = 1; seed <= 3; seed++) {
            ScenarioResult r = ScenarioSuite.run("crash-explore", Adapters.builtIn("reference"), seed);
            assertThat(r).as("seed " + seed).passed();
            assertThat(((Number) r.figures().get("statesChecked")).intValue()).isGreaterThan(100);
        }
    }

    /**
     * Incident 000: the legacy store renames a JSON file whose data was never forced, in a
     * directory never forced: a crash leaves it empty (it will not open) or the old file back.
     */
    @Test
    void theLegacyStoreLosesOrTearsWhatItAcknowledged() throws Exception {
        for (long seed = 1; seed <= 3; seed++) {
            ScenarioResult r = ScenarioSuite.run("crash-explore", Adapters.builtIn("legacy"), seed);
            assertThat(r).failedWith(FailureKind.SILENT_LOSS, FailureKind.CORRUPTION);
            assertThat(exploration(r).evidence()).anySatisfy(line -> assertThat(line).contains("not persisted: "));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "syncDirectories=false, SILENT_LOSS, 'not persisted: rename'",
            "syncNewDirectories=false, SILENT_LOSS, 'not persisted: mkdir'",
            "syncBeforeRename=false, CORRUPTION, 'not persisted: write'",
            "retryFailedSync=true, CORRUPTION, 'failed'",
    })
    void aStoreOneSwitchAwayFromTheReferenceFailsWithTheSmallestCrashStateAsEvidence(String setting, FailureKind kind, String evidence)
            throws Exception {
        String[] kv = setting.split("=");
        ScenarioResult r = ScenarioSuite.run("crash-explore", Catalog.builtIn("reference", Map.of(kv[0], kv[1])), 1);
        assertThat(r).failedWith(kind);
        CheckResult check = exploration(r);
        assertThat(check.summary()).contains("in the smallest, state ");
        assertThat(check.evidence()).anySatisfy(line -> assertThat(line).contains("replay: --param replay="));
        assertThat(check.evidence()).anySatisfy(line -> assertThat(line).contains(evidence));
    }

    @Test
    void aFailingStateReplaysAloneFromItsSeedAndNumber() throws Exception {
        var careless = Catalog.builtIn("reference", Map.of("syncDirectories", "false"));
        ScenarioResult first = ScenarioSuite.run("crash-explore", careless, 7);
        String state = exploration(first).summary().replaceAll(".*in the smallest, state ([0-9.]+):.*", "$1");
        ScenarioResult replayed = ScenarioSuite.run("crash-explore", careless, 7, "replay=" + state);
        assertThat(replayed).failedWith(first.kind());
        assertThat(replayed.figures().get("statesChecked")).isEqualTo(1);
        // the same state: the same crash point and the same operations dropped (temporary names are random, times differ)
        assertThat(withoutTemporaryNames(exploration(replayed).evidence().subList(0, 9)))
                .isEqualTo(withoutTemporaryNames(exploration(first).evidence().subList(0, 9)));
    }

    private static java.util.List<String> withoutTemporaryNames(java.util.List<String> lines) {
        return lines.stream().map(l -> l.replaceAll("~[^ ]*\\.tmp", "~TMP")).toList();
    }

    private static CheckResult exploration(ScenarioResult r) {
        return r.checks().stream().filter(c -> c.checker().equals("crash-explore")).findFirst().orElseThrow();
    }

    /** A process adapter in another language, recorded by strace: the example store passes; without its directory fsyncs it loses keys. */
    @Test
    void thePythonStorePassesUnderStraceAndWithoutItsDirectoryFsyncsFails() throws Exception {
        var python = Adapters.python();
        org.junit.jupiter.api.Assumptions.assumeTrue(python.isPresent(), "python3 is not installed");
        java.util.Optional<String> noStrace = dev.faultline.fault.os.Strace.whyNot();
        org.junit.jupiter.api.Assumptions.assumeTrue(noStrace.isEmpty(), () -> noStrace.orElse(""));
        ScenarioResult correct = ScenarioSuite.run("crash-explore", python.get(), 1);
        assertThat(correct).passed();
        assertThat(((Number) correct.figures().get("statesChecked")).intValue()).isGreaterThan(100);
        ScenarioResult careless = ScenarioSuite.run("crash-explore", Adapters.python("--no-directory-fsync").orElseThrow(), 1);
        assertThat(careless).failedWith(FailureKind.SILENT_LOSS);
        assertThat(exploration(careless).evidence()).anySatisfy(line -> assertThat(line).contains("not persisted: rename"));
    }

    @Test
    void aCorrectAppendOnlyLogPassesOnTwentySeeds() throws Exception {
        for (long seed = 1; seed <= 20; seed++) {
            assertThat(ScenarioSuite.run("crash-explore", AppendOnlyLogStore.spec(), seed)).as("seed " + seed).passed();
        }
    }

    /**
     * The log done wrong in the two ways the explorer found while it was being written: a
     * manifest naming a segment whose directory entry may not survive (the store then refuses to
     * open), and a flush that forces again after a failed force (records it promised are gone).
     * The first needs no failed force: after one, a correct log writes nothing more.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"MANIFEST_BEFORE_SEGMENT_ENTRY, failForce=0", "RETRY_FAILED_FORCE, failForce=5"})
    void anAppendOnlyLogDoneWrongFails(AppendOnlyLogStore.Flaw flaw, String failForce) throws Exception {
        assertThat(ScenarioSuite.run("crash-explore", AppendOnlyLogStore.withFlaw(flaw), 1, failForce)).failedWith(FailureKind.CORRUPTION);
    }

    /**
     * A correct log refuses every write after a failed force, so with the default failure (the 5th
     * fsync) the first rolled segment was never reached and the exploration passed this log (it
     * did before the workload was recorded again without the failure); the second recording
     * reaches it, and its state replays alone.
     */
    @Test
    void aLogThatStopsWritingAfterAFailedForceIsExploredPastTheFailureToo() throws Exception {
        var careless = AppendOnlyLogStore.withFlaw(AppendOnlyLogStore.Flaw.ROLLED_SEGMENT_ENTRY_UNFORCED);
        ScenarioResult r = ScenarioSuite.run("crash-explore", careless, 1);
        assertThat(r).failedWith(FailureKind.CORRUPTION);
        assertThat(exploration(r).summary()).contains("recorded with no fsync failing").contains("in the smallest, state nofail:");
        String state = exploration(r).summary().replaceAll(".*in the smallest, state (nofail:[0-9.]+):.*", "$1");
        ScenarioResult replayed = ScenarioSuite.run("crash-explore", careless, 1, "replay=" + state);
        assertThat(replayed).failedWith(FailureKind.CORRUPTION);
        assertThat(replayed.figures().get("statesChecked")).isEqualTo(1);
    }
}
