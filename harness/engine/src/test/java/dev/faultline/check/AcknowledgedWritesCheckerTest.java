package dev.faultline.check;

import dev.faultline.engine.FinalState;
import dev.faultline.spi.Capabilities;
import dev.faultline.spi.Durability;
import dev.faultline.spi.Health;
import dev.faultline.spi.Outcome;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

class AcknowledgedWritesCheckerTest {
    private static final Capabilities DURABLE_ON_PUT = new Capabilities(Durability.PUT, true, OptionalInt.empty());
    private static final Capabilities DURABLE_ON_FLUSH = new Capabilities(Durability.FLUSH, true, OptionalInt.empty());

    private static CheckResult check(HistoryBuilder h, Capabilities caps) {
        return new AcknowledgedWritesChecker().check(new CheckInput(h.history(), h.finalState(), caps));
    }

    @Test
    void passesWhenTheNewestAcknowledgedValueIsRead() {
        var h = new HistoryBuilder().ackedPut(0, "k", "v1", 0, 10).ackedPut(0, "k", "v2", 20, 30).finalRead("k", Outcome.found("v2"));
        assertThat(check(h, DURABLE_ON_PUT).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void missingAcknowledgedKeyIsSilentLoss() {
        var h = new HistoryBuilder().ackedPut(3, "k", "v1", 0, 10).finalRead("k", Outcome.notFound());
        CheckResult r = check(h, DURABLE_ON_PUT);
        assertThat(r.kind()).isEqualTo(FailureKind.SILENT_LOSS);
        assertThat(r.evidence()).singleElement().asString().contains("c/k", "instance 3");
    }

    @Test
    void olderValueAfterANewerAcknowledgedWriteIsSilentLoss() {
        var h = new HistoryBuilder().ackedPut(0, "k", "old", 0, 10).ackedPut(1, "k", "new", 20, 30).finalRead("k", Outcome.found("old"));
        assertThat(check(h, DURABLE_ON_PUT).kind()).isEqualTo(FailureKind.SILENT_LOSS);
    }

    @Test
    void eitherOfTwoConcurrentWritesMayWin() {
        var h = new HistoryBuilder().ackedPut(0, "k", "a", 0, 20).ackedPut(1, "k", "b", 10, 30).finalRead("k", Outcome.found("a"));
        assertThat(check(h, DURABLE_ON_PUT).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void aFailedWriteMayOrMayNotHaveTakenEffect() {
        var took = new HistoryBuilder().ackedPut(0, "k", "a", 0, 10).put(0, "k", "b", 20, 30, Outcome.error("ENOSPC: full"))
                .finalRead("k", Outcome.found("b"));
        var didNot = new HistoryBuilder().ackedPut(0, "k", "a", 0, 10).put(0, "k", "b", 20, 30, Outcome.error("ENOSPC: full"))
                .finalRead("k", Outcome.found("a"));
        assertThat(check(took, DURABLE_ON_PUT).verdict()).isEqualTo(Verdict.PASS);
        assertThat(check(didNot, DURABLE_ON_PUT).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void bytesNeverWrittenAreCorruption() {
        var h = new HistoryBuilder().ackedPut(0, "k", "value", 0, 10).finalRead("k", Outcome.found("valu"));
        assertThat(check(h, DURABLE_ON_PUT).kind()).isEqualTo(FailureKind.CORRUPTION);
    }

    @Test
    void anUnreadableKeyIsCorruption() {
        var h = new HistoryBuilder().ackedPut(0, "k", "value", 0, 10).finalRead("k", Outcome.error("EIO: damaged"));
        assertThat(check(h, DURABLE_ON_PUT).kind()).isEqualTo(FailureKind.CORRUPTION);
    }

    @Test
    void aStoreThatDoesNotOpenIsCorruptionWithTheFilesAsEvidence() {
        var h = new HistoryBuilder().ackedPut(0, "k", "value", 0, 10);
        FinalState broken = new FinalState(Map.of(), Health.ok(), "Unterminated string in JSON at position 532480",
                List.of("watch.json (532480 bytes): {\"k\":\"val"));
        CheckResult r = new AcknowledgedWritesChecker().check(new CheckInput(h.history(), broken, DURABLE_ON_PUT));
        assertThat(r.kind()).isEqualTo(FailureKind.CORRUPTION);
        assertThat(r.evidence()).anyMatch(e -> e.contains("watch.json"));
    }

    @Test
    void withDurableAfterFlushOnlyFlushedWritesArePromised() {
        var unflushed = new HistoryBuilder().ackedPut(0, "k", "v", 0, 10).finalRead("k", Outcome.notFound());
        var flushedByAnotherInstance = new HistoryBuilder().ackedPut(0, "k", "v", 0, 10).flush(1, 20, 30).finalRead("k", Outcome.notFound());
        var flushed = new HistoryBuilder().ackedPut(0, "k", "v", 0, 10).flush(0, 20, 30).finalRead("k", Outcome.notFound());
        assertThat(check(unflushed, DURABLE_ON_FLUSH).verdict()).isEqualTo(Verdict.PASS);
        assertThat(check(flushedByAnotherInstance, DURABLE_ON_FLUSH).verdict()).isEqualTo(Verdict.PASS);
        assertThat(check(flushed, DURABLE_ON_FLUSH).kind()).isEqualTo(FailureKind.SILENT_LOSS);
    }

    @Test
    void anAcknowledgedDeleteMayLeaveTheKeyMissing() {
        var h = new HistoryBuilder().ackedPut(0, "k", "v", 0, 10).delete(0, "k", 20, 30).finalRead("k", Outcome.notFound());
        assertThat(check(h, DURABLE_ON_PUT).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void keysBeyondTheDeclaredRetentionMayVanish() {
        var h = new HistoryBuilder();
        for (int i = 0; i < 100; i++) {
            h.ackedPut(0, "k" + i, "v" + i, i * 10L, i * 10L + 5).finalRead("k" + i, i < 50 ? Outcome.notFound() : Outcome.found("v" + i));
        }
        assertThat(check(h, DURABLE_ON_PUT.withRetainLast(50)).verdict()).isEqualTo(Verdict.PASS);
        assertThat(check(h, DURABLE_ON_PUT.withRetainLast(90)).kind()).isEqualTo(FailureKind.SILENT_LOSS);
    }

    @Test
    void nothingIsPromisedByAnInMemoryStore() {
        var h = new HistoryBuilder().ackedPut(0, "k", "v", 0, 10).finalRead("k", Outcome.notFound());
        assertThat(check(h, DURABLE_ON_PUT.withDurableAfter(Durability.NEVER)).verdict()).isEqualTo(Verdict.SKIPPED);
    }
}
