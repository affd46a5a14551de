package dev.faultline.check;

import dev.faultline.spi.Capabilities;
import dev.faultline.spi.Outcome;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReadsAndAvailabilityCheckerTest {

    private static CheckResult reads(HistoryBuilder h) {
        return new ReadsChecker().check(new CheckInput(h.history(), h.finalState(), Capabilities.DEFAULT));
    }

    @Test
    void readingBytesNeverWrittenIsCorruption() {
        var h = new HistoryBuilder().ackedPut(0, "k", "{\"a\":1}", 0, 10).get(1, "k", 20, 30, Outcome.found("{\"a\":"));
        assertThat(reads(h).kind()).isEqualTo(FailureKind.CORRUPTION);
    }

    @Test
    void missingOwnAcknowledgedWriteIsSilentLoss() {
        var h = new HistoryBuilder().ackedPut(0, "k", "v", 0, 10).get(0, "k", 20, 30, Outcome.notFound());
        assertThat(reads(h).kind()).isEqualTo(FailureKind.SILENT_LOSS);
    }

    @Test
    void anotherInstanceMayNotSeeTheWriteYet() {
        var h = new HistoryBuilder().ackedPut(0, "k", "v", 0, 10).get(1, "k", 20, 30, Outcome.notFound());
        assertThat(reads(h).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void loudFailuresBeyondTheAllowedShareAreUnavailability() {
        var h = new HistoryBuilder().ackedPut(0, "a", "v", 0, 10).put(0, "b", "v", 20, 30, Outcome.error("EIO: x"));
        CheckInput input = new CheckInput(h.history(), h.finalState(), Capabilities.DEFAULT);
        assertThat(new AvailabilityChecker(0).check(input).kind()).isEqualTo(FailureKind.UNAVAILABLE);
        assertThat(new AvailabilityChecker(0.5).check(input).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void healthThatSaysHealthyOverUnreadableKeysIsCorruption() {
        var h = new HistoryBuilder().ackedPut(0, "k", "v", 0, 10).finalRead("k", Outcome.error("EIO: damaged"));
        CheckResult lying = new HealthChecker().check(new CheckInput(h.history(), h.finalState(), Capabilities.DEFAULT));
        assertThat(lying.kind()).isEqualTo(FailureKind.CORRUPTION);
        var honest = new dev.faultline.engine.FinalState(h.finalState().reads(),
                dev.faultline.spi.Health.degraded(java.util.Map.of("quarantined", 1)), null, java.util.List.of());
        assertThat(new HealthChecker().check(new CheckInput(h.history(), honest, Capabilities.DEFAULT)).verdict()).isEqualTo(Verdict.PASS);
    }
}
