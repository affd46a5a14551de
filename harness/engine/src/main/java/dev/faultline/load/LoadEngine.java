package dev.faultline.load;

import dev.faultline.fault.Pacing;
import dev.faultline.spi.Outcome;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Drives a {@link LoadTarget} under a {@link LoadModel}. Every worker records into its own
 * histogram and counters (no shared state on the hot path but a schedule's sequence), merged
 * at the end. Latency is measured from the intended start: in the closed model that is when the
 * worker was ready, in a scheduled one (rate, bursts) when the schedule said.
 */
public final class LoadEngine {
    private LoadEngine() {
    }

    private static final class Worker {
        final Histogram latency = new Histogram(3_600_000_000L, 3);
        final Map<String, Long> errors = new HashMap<>();
        long[] perSecond = new long[8];
        long operations;
        long errorCount;

        void record(long intended, long end, long start, Outcome outcome, Exception failure) {
            latency.recordValue(Math.max(0, Math.min(latency.getHighestTrackableValue(), (end - intended) / 1000)));
            operations++;
            int second = (int) ((end - start) / 1_000_000_000L);
            if (second >= perSecond.length) {
                perSecond = Arrays.copyOf(perSecond, Math.max(second + 1, perSecond.length * 2));
            }
            perSecond[second]++;
            if (failure != null || outcome == null || outcome.isError()) {
                errorCount++;
                String text = failure != null ? failure.toString() : outcome == null ? "no outcome" : outcome.error();
                errors.merge(kindOf(text), 1L, Long::sum);
            }
        }
    }

    /** Drives the load; an exception from the target counts as an error and the load goes on. */
    public static LoadResult run(LoadModel model, LoadTarget target) throws InterruptedException {
        return run(model, target, e -> false);
    }

    /**
     * Drives the load; an exception {@code stopsTheRun} accepts (an adapter that hung, a protocol
     * broken) ends it: no worker starts another operation, and it is thrown here once all are back.
     */
    public static LoadResult run(LoadModel model, LoadTarget target, Predicate<Exception> stopsTheRun) throws InterruptedException {
        return run(model, target, stopsTheRun, () -> false);
    }

    /**
     * As {@link #run(LoadModel, LoadTarget, Predicate)}, and no operation starts once {@code enough}
     * says so (a time budget spent, a bound already crossed): the result then says it stopped early
     * and holds what was done.
     */
    public static LoadResult run(LoadModel model, LoadTarget target, Predicate<Exception> stopsTheRun, BooleanSupplier enough)
            throws InterruptedException {
        int workers = model.workers();
        AtomicBoolean stoppedEarly = new AtomicBoolean();
        List<Worker> state = new ArrayList<>();
        AtomicReference<Exception> stop = new AtomicReference<>();
        LoadTarget guarded = (worker, sequence, intended) -> {
            if (stop.get() != null) {
                throw STOPPED;
            }
            if (enough.getAsBoolean()) {
                stoppedEarly.set(true);
                throw STOPPED;
            }
            try {
                return target.call(worker, sequence, intended);
            } catch (Exception e) {
                if (stopsTheRun.test(e)) {
                    stop.compareAndSet(null, e);
                    throw STOPPED;
                }
                throw e;
            }
        };
        AtomicLong next = new AtomicLong();
        CountDownLatch done = new CountDownLatch(workers);
        long start = System.nanoTime() + 10_000_000L; // every worker ready before the clock starts
        for (int w = 0; w < workers; w++) {
            Worker worker = new Worker();
            state.add(worker);
            int index = w;
            Thread t = new Thread(() -> {
                try {
                    if (model instanceof LoadModel.Scheduled scheduled) {
                        runScheduled(scheduled, guarded, index, worker, next, start);
                    } else {
                        runClosed((LoadModel.Closed) model, guarded, index, worker, start);
                    }
                } catch (Stopped e) {
                    // another worker's operation ended the run
                } finally {
                    done.countDown();
                }
            }, "faultline-load-" + w);
            t.setDaemon(true);
            t.start();
        }
        done.await();
        if (stop.get() instanceof RuntimeException e) {
            throw e;
        } else if (stop.get() != null) {
            throw new IllegalStateException(stop.get());
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        Histogram latency = new Histogram(3_600_000_000L, 3);
        Map<String, Long> errors = new HashMap<>();
        long operations = 0;
        long errorCount = 0;
        long[] perSecond = new long[(int) Math.ceil(elapsed)];
        for (Worker w : state) {
            latency.add(w.latency);
            w.errors.forEach((k, v) -> errors.merge(k, v, Long::sum));
            operations += w.operations;
            errorCount += w.errorCount;
            for (int i = 0; i < Math.min(perSecond.length, w.perSecond.length); i++) {
                perSecond[i] += w.perSecond[i];
            }
        }
        return new LoadResult(operations, errorCount, Map.copyOf(errors), elapsed, latency, Arrays.stream(perSecond).boxed().toList(),
                stoppedEarly.get());
    }

    private static void runClosed(LoadModel.Closed closed, LoadTarget target, int index, Worker worker, long start) {
        Pacing.parkUntil(start);
        boolean timed = closed.duration() != null;
        long end = timed ? start + closed.duration().toNanos() : 0;
        long limit = timed ? Long.MAX_VALUE : closed.operationsPerWorker();
        long sequence = index;
        long intended = System.nanoTime();
        for (long done = 0; done < limit && (!timed || intended - end < 0); done++) {
            intended = callAndRecord(target, index, sequence, intended, worker, start);
            sequence += 1L << 20; // distinct sequences across workers without sharing a counter
        }
    }

    private static void runScheduled(LoadModel.Scheduled schedule, LoadTarget target, int index, Worker worker, AtomicLong next, long start) {
        long total = schedule.total();
        while (true) {
            long n = next.getAndIncrement();
            if (n >= total) {
                return;
            }
            long intended = start + schedule.intendedNanos(n);
            Pacing.parkUntil(intended);
            callAndRecord(target, index, n, intended, worker, start);
        }
    }

    /** An error's kind: its text up to the first colon (the rest names a key, a file, a time). */
    static String kindOf(String text) {
        int colon = text.indexOf(':');
        String kind = (colon > 0 ? text.substring(0, colon) : text).strip();
        return kind.length() > 120 ? kind.substring(0, 120) : kind;
    }

    /** Unwinds a worker whose run was stopped; never recorded. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super("the load was stopped", null, false, false);
        }
    }

    private static final Stopped STOPPED = new Stopped();

    /** One operation, recorded against when it was intended; returns when it answered. */
    private static long callAndRecord(LoadTarget target, int index, long sequence, long intended, Worker worker, long start) {
        Outcome outcome = null;
        Exception failure = null;
        try {
            outcome = target.call(index, sequence, intended);
        } catch (Stopped e) {
            throw e;
        } catch (Exception e) {
            failure = e;
        }
        long now = System.nanoTime();
        worker.record(intended, now, start, outcome, failure);
        return now;
    }
}
