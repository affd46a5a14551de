package dev.faultline.check;

import dev.faultline.engine.FinalState;
import dev.faultline.engine.History;
import dev.faultline.engine.OpKind;
import dev.faultline.engine.Operation;
import dev.faultline.engine.Phase;
import dev.faultline.spi.Health;
import dev.faultline.spi.Outcome;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Hand-made histories for checker tests: each operation at explicit times (in ticks). */
final class HistoryBuilder {
    private final History history = new History();
    private final Map<FinalState.KeyRef, Outcome> reads = new LinkedHashMap<>();

    HistoryBuilder put(int instance, String key, String value, long start, long end, Outcome outcome) {
        history.record(new Operation(instance, Phase.WORKLOAD, OpKind.PUT, "c", key, value, start, start, end, outcome));
        return this;
    }

    HistoryBuilder ackedPut(int instance, String key, String value, long start, long end) {
        return put(instance, key, value, start, end, Outcome.ok());
    }

    HistoryBuilder delete(int instance, String key, long start, long end) {
        history.record(new Operation(instance, Phase.WORKLOAD, OpKind.DELETE, "c", key, null, start, start, end, Outcome.ok()));
        return this;
    }

    HistoryBuilder get(int instance, String key, long start, long end, Outcome outcome) {
        history.record(new Operation(instance, Phase.WORKLOAD, OpKind.GET, "c", key, null, start, start, end, outcome));
        return this;
    }

    HistoryBuilder flush(int instance, long start, long end) {
        history.record(new Operation(instance, Phase.WORKLOAD, OpKind.FLUSH, null, null, null, start, start, end, Outcome.ok()));
        return this;
    }

    HistoryBuilder finalRead(String key, Outcome outcome) {
        reads.put(new FinalState.KeyRef("c", key), outcome);
        return this;
    }

    History history() {
        return history;
    }

    FinalState finalState() {
        return new FinalState(reads, Health.ok(), null, List.of());
    }
}
