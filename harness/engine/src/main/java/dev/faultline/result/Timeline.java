package dev.faultline.result;

import dev.faultline.engine.History;
import dev.faultline.engine.Operation;
import dev.faultline.engine.Phase;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;

/**
 * A run over time, for charts: operations, loud errors and latency percentiles per time bucket
 * (at most {@value #MAX_BUCKETS}, at least 100 ms wide), and each fault at the moment it was
 * injected. Operations count in the bucket they ended in; latency is from the intended start.
 */
public record Timeline(double bucketSeconds, List<Bucket> buckets, List<Mark> faults) {
    static final int MAX_BUCKETS = 120;

    /** @param t the bucket's start, seconds since the run began */
    public record Bucket(double t, int operations, int errors, double p50Ms, double p99Ms, double maxMs) {
    }

    public record Mark(double t, String description) {
    }

    public Timeline {
        buckets = List.copyOf(buckets);
        faults = List.copyOf(faults);
    }

    public static Timeline of(History history) {
        List<Operation> ops = history.select(o -> o.phase() == Phase.WORKLOAD && o.outcome() != null);
        long end = ops.stream().mapToLong(Operation::endNanos).max().orElse(0);
        for (History.TimedFault f : history.timedFaults()) {
            end = Math.max(end, f.atNanos());
        }
        long width = Math.max(100_000_000L, (end + MAX_BUCKETS - 1) / MAX_BUCKETS);
        width = niceWidth(width);
        int count = (int) Math.max(1, (end + width - 1) / width);
        List<Histogram> latencies = new ArrayList<>();
        int[] operations = new int[count];
        int[] errors = new int[count];
        for (int i = 0; i < count; i++) {
            latencies.add(new Histogram(3));
        }
        for (Operation o : ops) {
            int b = (int) Math.min(count - 1, o.endNanos() / width);
            operations[b]++;
            if (o.failedLoudly()) {
                errors[b]++;
            }
            latencies.get(b).recordValue(Math.max(1, o.latencyNanos() / 1000));
        }
        List<Bucket> buckets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Histogram h = latencies.get(i);
            boolean any = h.getTotalCount() > 0;
            buckets.add(new Bucket(i * width / 1e9, operations[i], errors[i],
                    any ? h.getValueAtPercentile(50) / 1000.0 : 0, any ? h.getValueAtPercentile(99) / 1000.0 : 0,
                    any ? h.getMaxValue() / 1000.0 : 0));
        }
        List<Mark> marks = history.timedFaults().stream().map(f -> new Mark(f.atNanos() / 1e9, f.description())).toList();
        return new Timeline(width / 1e9, buckets, marks);
    }

    /** 100 ms, 200 ms, 500 ms, 1 s, 2 s, 5 s, ...: bucket widths a reader takes in at a glance. */
    private static long niceWidth(long nanos) {
        long step = 100_000_000L;
        while (true) {
            for (long m : new long[]{1, 2, 5}) {
                if (step * m >= nanos) {
                    return step * m;
                }
            }
            step *= 10;
        }
    }
}
