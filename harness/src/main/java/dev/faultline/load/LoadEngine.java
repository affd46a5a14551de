package dev.faultline.load;

import dev.faultline.spi.Outcome;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives a {@link LoadTarget} under a {@link LoadModel}. Every worker records into its own
 * histogram and counters (no shared state on the hot path but the open model's sequence), merged
 * at the end. Latency is measured from the intended start: in the closed model that is when the
 * worker was ready, in the open model when the schedule said.
 */
public final class LoadEngine {
    private LoadEngine() {
    }

    private static final class Worker {
        final Histogram latency = new Histogram(3_600_000_000L, 3);
        final Map<String, Long> errors = new HashMap<>();
        long[] perSecond;
        long operations;
        long errorCount;

        void record(long intended, long end, Outcome outcome, Exception failure) {
            latency.recordValue(Math.max(0, Math.min(latency.getHighestTrackableValue(), (end - intended) / 1000)));
            operations++;
            if (failure != null || outcome == null || outcome.isError()) {
                errorCount++;
                String text = failure != null ? failure.toString() : outcome == null ? "no outcome" : outcome.error();
                errors.merge(text.length() > 120 ? text.substring(0, 120) : text, 1L, Long::sum);
            }
        }
    }

    public static LoadResult run(LoadModel model, LoadTarget target) throws InterruptedException {
        int workers = model instanceof LoadModel.Closed c ? c.workers() : ((LoadModel.Open) model).workers();
        long durationNanos = model.duration().toNanos();
        int seconds = (int) Math.max(1, (durationNanos + 999_999_999L) / 1_000_000_000L) + 1;
        List<Worker> state = new ArrayList<>();
        AtomicLong next = new AtomicLong();
        CountDownLatch done = new CountDownLatch(workers);
        long start = System.nanoTime() + 10_000_000L; // every worker ready before the clock starts
        for (int w = 0; w < workers; w++) {
            Worker worker = new Worker();
            worker.perSecond = new long[seconds + 1];
            state.add(worker);
            int index = w;
            Thread t = new Thread(() -> {
                try {
                    if (model instanceof LoadModel.Open open) {
                        runOpen(open, target, index, worker, next, start);
                    } else {
                        runClosed(target, index, worker, start, start + durationNanos);
                    }
                } finally {
                    done.countDown();
                }
            }, "faultline-load-" + w);
            t.setDaemon(true);
            t.start();
        }
        done.await();
        double elapsed = (System.nanoTime() - start) / 1e9;
        Histogram latency = new Histogram(3_600_000_000L, 3);
        Map<String, Long> errors = new HashMap<>();
        long operations = 0;
        long errorCount = 0;
        long[] perSecond = new long[seconds + 1];
        for (Worker w : state) {
            latency.add(w.latency);
            w.errors.forEach((k, v) -> errors.merge(k, v, Long::sum));
            operations += w.operations;
            errorCount += w.errorCount;
            for (int i = 0; i < perSecond.length; i++) {
                perSecond[i] += w.perSecond[i];
            }
        }
        List<Long> series = new ArrayList<>();
        int shown = (int) Math.ceil(elapsed);
        for (int i = 0; i < Math.min(shown, perSecond.length); i++) {
            series.add(perSecond[i]);
        }
        return new LoadResult(operations, errorCount, Map.copyOf(errors), elapsed, latency, List.copyOf(series));
    }

    private static void waitUntil(long deadline) {
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }

    private static void runClosed(LoadTarget target, int index, Worker worker, long start, long end) {
        waitUntil(start);
        long sequence = index;
        long intended = System.nanoTime();
        while (intended < end) {
            long now = callAndRecord(target, index, sequence, intended, worker, start);
            sequence += 1L << 20; // distinct sequences across workers without sharing a counter
            intended = now;
        }
    }

    private static void runOpen(LoadModel.Open open, LoadTarget target, int index, Worker worker, AtomicLong next, long start) {
        long total = open.total();
        while (true) {
            long n = next.getAndIncrement();
            if (n >= total) {
                return;
            }
            long intended = start + open.intendedNanos(n);
            waitUntil(intended);
            callAndRecord(target, index, n, intended, worker, start);
        }
    }

    /** One operation, recorded against when it was intended; returns when it answered. */
    private static long callAndRecord(LoadTarget target, int index, long sequence, long intended, Worker worker, long start) {
        Outcome outcome = null;
        Exception failure = null;
        try {
            outcome = target.call(index, sequence, intended);
        } catch (Exception e) {
            failure = e;
        }
        long now = System.nanoTime();
        worker.record(intended, now, outcome, failure);
        worker.perSecond[(int) Math.min(worker.perSecond.length - 1, (now - start) / 1_000_000_000L)]++;
        return now;
    }
}
