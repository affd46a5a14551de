package dev.faultline.load;

import dev.faultline.spi.Outcome;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The load models' schedules and the engine's accounting; timings only with margins of several times. */
class LoadEngineTest {

    @Test
    void aCountedClosedModelRunsExactlyThatManyOperationsPerWorker() throws Exception {
        AtomicLongArray perWorker = new AtomicLongArray(3);
        LoadResult r = LoadEngine.run(LoadModel.Closed.counted(3, 1000), (worker, sequence, intended) -> {
            assertThat(sequence & ((1 << 20) - 1)).isEqualTo(worker);
            perWorker.incrementAndGet(worker);
            return (sequence >> 20) % 10 == 0 ? Outcome.error("every tenth") : Outcome.ok();
        });
        assertThat(r.operations()).isEqualTo(3000);
        assertThat(List.of(perWorker.get(0), perWorker.get(1), perWorker.get(2))).containsOnly(1000L);
        assertThat(r.errors()).isEqualTo(300);
        assertThat(r.errorsByKind()).containsExactly(java.util.Map.entry("every tenth", 300L));
        assertThat(LoadEngine.kindOf("ENOSPC: samples.col/~sample-194.tmp: No space left on device")).isEqualTo("ENOSPC");
        assertThat(r.perSecond().stream().mapToLong(Long::longValue).sum()).isEqualTo(3000);
    }

    @Test
    void aBurstIsDueAtItsReleaseSoQueueingBehindItCountsInItsLatency() throws Exception {
        LoadModel.Bursts bursts = new LoadModel.Bursts(List.of(
                new LoadModel.Bursts.Burst(Duration.ZERO, 20),
                new LoadModel.Bursts.Burst(Duration.ofMillis(500), 5)), 1);
        ConcurrentHashMap<Long, Long> dueBySequence = new ConcurrentHashMap<>();
        long[] first = new long[1];
        LoadResult r = LoadEngine.run(bursts, (worker, sequence, intended) -> {
            if (sequence == 0) {
                first[0] = intended;
            }
            dueBySequence.put(sequence, intended);
            Thread.sleep(10); // one worker, 10 ms each: the 20th of the first burst waits ~190 ms
            return Outcome.ok();
        });
        assertThat(r.operations()).isEqualTo(25);
        for (long n = 0; n < 20; n++) {
            assertThat(dueBySequence.get(n)).isEqualTo(first[0]);
        }
        assertThat(dueBySequence.get(20L) - first[0]).isEqualTo(Duration.ofMillis(500).toNanos());
        assertThat(bursts.burstOf(19)).isZero();
        assertThat(bursts.burstOf(20)).isEqualTo(1);
        // coordinated omission corrected: the slowest latency is the queue, not one 10 ms call
        assertThat(r.latencyMicros().getMaxValue()).isGreaterThan(150_000);
    }

    @Test
    void anOpenModelSpreadsItsOperationsOverTheDuration() throws Exception {
        LoadModel.Open ramp = new LoadModel.Open(100, 300, Duration.ofSeconds(2), 2);
        assertThat(ramp.total()).isEqualTo(400);
        assertThat(ramp.intendedNanos(0)).isZero();
        assertThat(ramp.intendedNanos(399)).isBetween(Duration.ofMillis(1990).toNanos(), Duration.ofSeconds(2).toNanos());
        // the first second of a 100 -> 300 ramp holds 100 + 100 / 2 = 150 operations
        assertThat(ramp.intendedNanos(149)).isLessThan(Duration.ofSeconds(1).toNanos());
        assertThat(ramp.intendedNanos(151)).isGreaterThan(Duration.ofSeconds(1).toNanos());
    }

    @Test
    void anExceptionCountsAsAnErrorUnlessItStopsTheRun() throws Exception {
        IllegalStateException hung = new IllegalStateException("instance 0: put did not answer within 0.5 s");
        LoadTarget failsAtFive = (worker, sequence, intended) -> {
            if ((sequence >> 20) == 5) {
                throw hung;
            }
            return Outcome.ok();
        };
        LoadResult counted = LoadEngine.run(LoadModel.Closed.counted(1, 10), failsAtFive);
        assertThat(counted.operations()).isEqualTo(10);
        assertThat(counted.errorsByKind()).containsExactly(java.util.Map.entry("java.lang.IllegalStateException", 1L));

        java.util.concurrent.atomic.AtomicLong calls = new java.util.concurrent.atomic.AtomicLong();
        assertThatThrownBy(() -> LoadEngine.run(LoadModel.Closed.counted(1, 10), (w, s, t) -> {
            calls.incrementAndGet();
            return failsAtFive.call(w, s, t);
        }, e -> true)).isSameAs(hung);
        assertThat(calls.get()).as("no operation after the one that stopped the run").isEqualTo(6);
    }

    @Test
    void modelsRefuseWhatCannotRun() {
        assertThatThrownBy(() -> new LoadModel.Closed(0, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LoadModel.Closed(1, Duration.ofSeconds(1), 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LoadModel.Bursts(List.of(), 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LoadModel.Bursts(List.of(new LoadModel.Bursts.Burst(Duration.ofSeconds(1), 1),
                new LoadModel.Bursts.Burst(Duration.ZERO, 1)), 1)).hasMessageContaining("release order");
    }
}
