package dev.faultline.check;

import dev.faultline.engine.FinalState;
import dev.faultline.engine.History;
import dev.faultline.engine.OpKind;
import dev.faultline.engine.Operation;
import dev.faultline.engine.Phase;
import dev.faultline.spi.Capabilities;
import dev.faultline.spi.Durability;
import dev.faultline.spi.Health;
import dev.faultline.spi.Outcome;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/** The register model on small histories: what a read may return, and what it must see. */
class RegisterCheckerTest {

    private static Operation op(int instance, OpKind kind, String key, String value, long start, long end, Outcome outcome) {
        return new Operation(instance, Phase.WORKLOAD, kind, kind == OpKind.FLUSH ? null : "c", key, value, start, start, end, outcome);
    }

    private static Operation put(int instance, String key, String value, long start, long end) {
        return op(instance, OpKind.PUT, key, value, start, end, Outcome.ok());
    }

    private static Operation get(int instance, String key, Outcome read, long start, long end) {
        return op(instance, OpKind.GET, key, null, start, end, read);
    }

    private static CheckResult check(Operation... ops) {
        History h = new History();
        for (Operation o : ops) {
            h.record(o);
        }
        return new RegisterChecker().check(new CheckInput(h, new FinalState(Map.of(), Health.ok(), null, List.of()),
                new Capabilities(Durability.PUT, true, OptionalInt.empty())));
    }

    @Test
    void aReadSeesItsOwnLastWriteOrOneConcurrentWithIt() {
        assertThat(check(put(0, "k", "a", 0, 10), put(0, "k", "b", 20, 30), get(0, "k", Outcome.found("b"), 40, 50)).verdict())
                .isEqualTo(Verdict.PASS);
        assertThat(check(put(0, "k", "a", 0, 10), put(1, "k", "b", 20, 60), get(0, "k", Outcome.found("b"), 40, 50)).verdict())
                .as("b is concurrent with the read").isEqualTo(Verdict.PASS);
        assertThat(check(put(0, "k", "a", 0, 10), put(1, "k", "b", 20, 60), get(0, "k", Outcome.found("a"), 40, 50)).verdict())
                .isEqualTo(Verdict.PASS);
    }

    @Test
    void anOlderValueAfterOnesOwnNewerWriteIsAStaleRead() {
        CheckResult r = check(put(0, "k", "a", 0, 10), put(0, "k", "b", 20, 30), get(0, "k", Outcome.found("a"), 40, 50));
        assertThat(r.kind()).isEqualTo(FailureKind.SILENT_LOSS);
        assertThat(r.evidence().get(0)).contains("it had to see instance 0 PUT c/k");
    }

    @Test
    void anotherInstancesWriteMustBeSeenOnlyOnceItFlushed() {
        Operation older = put(1, "k", "a", 0, 10);
        Operation newer = put(1, "k", "b", 20, 30);
        Operation staleRead = get(0, "k", Outcome.found("a"), 60, 70);
        assertThat(check(older, newer, staleRead).verdict()).as("not flushed: a may still be what instance 0 sees").isEqualTo(Verdict.PASS);
        CheckResult r = check(older, newer, op(1, OpKind.FLUSH, null, null, 40, 50, Outcome.ok()), staleRead);
        assertThat(r.kind()).isEqualTo(FailureKind.SILENT_LOSS);
        assertThat(r.evidence().get(0)).contains("(flushed before the read)");
    }

    @Test
    void aValueWrittenToAnotherKeyIsCorruptionNamingThatKey() {
        CheckResult r = check(put(0, "Key", "v", 0, 10), get(0, "key", Outcome.found("v"), 20, 30));
        assertThat(r.kind()).isEqualTo(FailureKind.CORRUPTION);
        assertThat(r.evidence().get(0)).contains("written to c/Key").contains("two keys merged?");
    }

    @Test
    void aDeleteWritesAbsentAndAFailedWriteMayOrMayNotHaveTakenEffect() {
        assertThat(check(put(0, "k", "a", 0, 10), op(0, OpKind.DELETE, "k", null, 20, 30, Outcome.ok()),
                get(0, "k", Outcome.notFound(), 40, 50)).verdict()).isEqualTo(Verdict.PASS);
        assertThat(check(put(0, "k", "a", 0, 10), op(0, OpKind.DELETE, "k", null, 20, 30, Outcome.ok()),
                get(0, "k", Outcome.found("a"), 40, 50)).kind()).isEqualTo(FailureKind.SILENT_LOSS);
        Operation failed = op(0, OpKind.PUT, "k", "b", 20, 30, Outcome.error("EIO: disk"));
        assertThat(check(put(0, "k", "a", 0, 10), failed, get(0, "k", Outcome.found("b"), 40, 50)).verdict()).isEqualTo(Verdict.PASS);
        assertThat(check(put(0, "k", "a", 0, 10), failed, get(0, "k", Outcome.found("a"), 40, 50)).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void aListHoldsEveryKeyAReadMustFindAndNoKeyNoneCould() {
        Operation a = put(0, "a", "1", 0, 10);
        Operation b = put(0, "b", "2", 20, 30);
        assertThat(check(a, b, op(0, OpKind.LIST, null, null, 40, 50, Outcome.keys(List.of("a", "b")))).verdict()).isEqualTo(Verdict.PASS);
        assertThat(check(a, b, op(0, OpKind.LIST, null, null, 40, 50, Outcome.keys(List.of("a")))).kind()).isEqualTo(FailureKind.SILENT_LOSS);
        assertThat(check(a, b, op(0, OpKind.LIST, null, null, 40, 50, Outcome.keys(List.of("a", "b", "z")))).kind())
                .isEqualTo(FailureKind.CORRUPTION);
    }
}
