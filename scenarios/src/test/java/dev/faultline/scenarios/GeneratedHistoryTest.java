package dev.faultline.scenarios;

import dev.faultline.check.CheckResult;
import dev.faultline.check.FailureKind;
import dev.faultline.result.ScenarioResult;
import org.junit.jupiter.api.Test;

import static dev.faultline.assertj.ScenarioResultAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * generated-history has teeth (issue 17): the reference store passes; one bug away from it, a
 * store that folds key case, keeps half a failed batch, forgets deletes at a restart, or serves
 * reads from a stale per-instance cache fails, for that reason.
 */
class GeneratedHistoryTest {

    @Test
    void theReferenceStorePasses() throws Exception {
        for (long seed = 1; seed <= 3; seed++) {
            assertThat(ScenarioSuite.run("generated-history", Adapters.builtIn("reference"), seed)).as("seed " + seed).passed();
        }
    }

    /** Incident 000: the legacy store's writers overwrite each other's whole file; what one acknowledged, another's save undoes. */
    @Test
    void theLegacyStoreLosesAcknowledgedWrites() throws Exception {
        assertThat(ScenarioSuite.run("generated-history", Adapters.builtIn("legacy"), 1)).failedWith(FailureKind.SILENT_LOSS);
    }

    /** A correct log in every other way (crash-explore passes it), that never compacts: its disk use outgrows what it holds. */
    @Test
    void aLogThatNeverCompactsGrowsWithoutBound() throws Exception {
        ScenarioResult r = ScenarioSuite.run("generated-history", AppendOnlyLogStore.spec(), 1, "operations=4000", "largeValueBytes=1000");
        assertThat(r).failedWith(FailureKind.UNBOUNDED_GROWTH);
        assertThat(r.reason()).contains("bytes on disk for");
    }

    /** A failing history is shrunk: one instance, fewer operations, and it fails again at the same seed. */
    @Test
    void aFailingHistoryIsShrunkToOneThatReplays() throws Exception {
        ScenarioResult r = ScenarioSuite.runShrinking("generated-history", FlawedReferenceStores.caseFoldingNames(), 1);
        assertThat(r).failedWith(FailureKind.CORRUPTION);
        CheckResult shrunk = r.checks().stream().filter(c -> c.checker().equals("shrunk")).findFirst().orElseThrow();
        assertThat(shrunk.summary()).contains("instances=1").contains("it failed again when run a second time at seed 1");
        int operations = Integer.parseInt(shrunk.summary().replaceAll(".*operations=(\\d+).*", "$1"));
        assertThat(operations).isLessThan(600 / 4);
        assertThat(shrunk.evidence().get(0)).startsWith("replay: the same command with --seed 1 --param generated-history.").contains("--param generated-history.instances=1");
        assertThat(r.reason()).as("the verdict's reason stays the original run's").doesNotContain("smallest");
    }

    @Test
    void keysThatDifferOnlyInCaseMustNotMerge() throws Exception {
        ScenarioResult r = ScenarioSuite.run("generated-history", FlawedReferenceStores.caseFoldingNames(), 1);
        assertThat(r).failedWith(FailureKind.CORRUPTION);
        assertThat(r.checks()).anySatisfy(c -> assertThat(c.evidence()).anySatisfy(line -> assertThat(line).contains("two keys merged?")));
    }

    /** Issue 17: which tricky keys a store must take is declared; a declared case-folding store gets lower-case keys only and passes. */
    @Test
    void aStoreThatDeclaresCaseInsensitiveKeysIsJudgedByItsDeclaration() throws Exception {
        ScenarioResult r = ScenarioSuite.run("generated-history", FlawedReferenceStores.caseFoldingNamesDeclared(), 1);
        assertThat(r).passed();
        assertThat(r.capabilities()).containsEntry("caseInsensitiveKeys", true);
    }

    /** A loud refusal of a key is allowed, and the result names the keys refused. */
    @Test
    void aLoudRefusalOfAKeyIsAllowedAndCounted() throws Exception {
        ScenarioResult r = ScenarioSuite.run("generated-history", FlawedReferenceStores.refusesDotKeys(), 1);
        assertThat(r).passed();
        assertThat(r.figures().get("keysRefused")).asList().contains(".", "..", ".hidden").doesNotContain("key", "trailing.");
    }

    @Test
    void aFailedBatchMustNotBeKeptInPart() throws Exception {
        ScenarioResult r = ScenarioSuite.run("generated-history", FlawedReferenceStores.halfStoredBatches(), 1);
        assertThat(r).failedWith(FailureKind.CORRUPTION);
        assertThat(r.checks()).anySatisfy(c -> {
            assertThat(c.checker()).isEqualTo("batch-atomicity");
            assertThat(c.verdict()).isEqualTo(dev.faultline.check.Verdict.FAIL);
        });
    }

    @Test
    void aDeleteMustSurviveARestart() throws Exception {
        ScenarioResult r = ScenarioSuite.run("generated-history", FlawedReferenceStores.deletesOnlyInMemory(), 1, "instances=1");
        assertThat(r).failedWith(FailureKind.SILENT_LOSS);
    }

    @Test
    void readsMustSeeOtherInstancesFlushedWrites() throws Exception {
        ScenarioResult r = ScenarioSuite.run("generated-history", FlawedReferenceStores.staleReadCache(), 1);
        assertThat(r).failedWith(FailureKind.SILENT_LOSS);
        assertThat(r.checks()).anySatisfy(c -> {
            assertThat(c.checker()).isEqualTo("register-reads");
            assertThat(c.evidence()).anySatisfy(line -> assertThat(line).contains("(flushed before the read)"));
        });
    }
}
