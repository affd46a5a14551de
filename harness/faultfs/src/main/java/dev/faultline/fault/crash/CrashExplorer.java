package dev.faultline.fault.crash;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Replays a recorded trace under a persistence model and yields its crash points: after every
 * fsync, rename, unlink and acknowledgement (the durability boundaries, as ALICE and CrashMonkey
 * choose them), the end of the trace, and a seeded sample of the points between.
 */
public final class CrashExplorer {
    private final List<TraceEvent> trace;
    private final Trace.Snapshot initial;
    private final PersistenceModel model;

    public CrashExplorer(Trace recorded, PersistenceModel model) {
        this(recorded.events(), recorded.initial(), model);
    }

    public CrashExplorer(List<TraceEvent> trace, Trace.Snapshot initial, PersistenceModel model) {
        this.trace = List.copyOf(trace);
        this.initial = initial;
        this.model = model;
    }

    public List<TraceEvent> trace() {
        return trace;
    }

    /**
     * The indexes of the crash points: every boundary, plus up to {@code between} others.
     *
     * @param acknowledgedAt when each acknowledgement reached the harness (history clock)
     */
    public List<Integer> points(List<Long> acknowledgedAt, int between, SplittableRandom random) {
        TreeSet<Integer> points = new TreeSet<>();
        List<Integer> others = new ArrayList<>();
        TreeSet<Long> acks = new TreeSet<>(acknowledgedAt);
        for (int i = 1; i <= trace.size(); i++) {
            TraceEvent last = trace.get(i - 1);
            long next = i < trace.size() ? trace.get(i).atNanos() : Long.MAX_VALUE;
            boolean boundary = last instanceof TraceEvent.Force || last instanceof TraceEvent.ForceFailed
                    || last instanceof TraceEvent.Rename || last instanceof TraceEvent.Remove
                    || i == trace.size() || acks.subSet(last.atNanos(), true, next, false).size() > 0;
            if (boundary) {
                points.add(i);
            } else {
                others.add(i);
            }
        }
        for (int k = 0; k < between && !others.isEmpty(); k++) {
            points.add(others.remove(random.nextInt(others.size())));
        }
        return List.copyOf(points);
    }

    /**
     * Up to {@code max} crash states a crash right after the last recorded operation may leave
     * (see {@link CrashPoint#states}): what a user's own test checks after a workload whose every
     * acknowledged write must survive.
     */
    public List<CrashState> statesAtEnd(int max, long seed) {
        return at(List.of(trace.size())).get(0).states(max, new SplittableRandom(seed));
    }

    /** The crash points at {@code indexes} (ascending), replaying the trace once. */
    public List<CrashPoint> at(List<Integer> indexes) {
        Map<Integer, TreeMap<String, Integer>> tree = new HashMap<>();
        initial.directories().forEach((d, entries) -> tree.put(d, new TreeMap<>(entries)));
        Map<Integer, byte[]> data = new HashMap<>(initial.files());
        List<TraceEvent.EntryChange> entries = new ArrayList<>();
        List<TraceEvent> pendingData = new ArrayList<>();
        List<TraceEvent> lost = new ArrayList<>();
        List<CrashPoint> points = new ArrayList<>();
        int next = 0;
        for (int i = 0; i <= trace.size() && next < indexes.size(); i++) {
            while (next < indexes.size() && indexes.get(next) == i) {
                Map<Integer, TreeMap<String, Integer>> treeCopy = new HashMap<>();
                tree.forEach((d, e) -> treeCopy.put(d, new TreeMap<>(e)));
                points.add(new CrashPoint(i, trace, model, treeCopy, new HashMap<>(data), List.copyOf(entries), List.copyOf(pendingData),
                        List.copyOf(lost)));
                next++;
            }
            if (i == trace.size()) {
                break;
            }
            TraceEvent event = trace.get(i);
            if (event instanceof TraceEvent.EntryChange change) {
                entries.add(change);
                if (change instanceof TraceEvent.Create c && c.isDirectory()) {
                    tree.putIfAbsent(c.node(), new TreeMap<>());
                }
            } else if (event instanceof TraceEvent.Write || event instanceof TraceEvent.Truncate) {
                pendingData.add(event);
            } else if (event instanceof TraceEvent.Force f) {
                boolean every = model.forceCommitsEveryEntry();
                List<TraceEvent.EntryChange> committed = new ArrayList<>();
                entries.removeIf(change -> {
                    boolean durable = every || change.directory() == f.node();
                    if (durable) {
                        committed.add(change);
                    }
                    return durable;
                });
                for (TraceEvent.EntryChange change : committed) {
                    CrashPoint.apply(tree, change);
                    if (change instanceof TraceEvent.Rename r && r.replacing() && model.replacingRenameCarriesData()) {
                        makeDurable(pendingData, data, r.node(), r.atNanos());
                    }
                }
                makeDurable(pendingData, data, f.node(), Long.MAX_VALUE);
            } else if (event instanceof TraceEvent.ForceFailed f) {
                // fsyncgate: the pages were dropped and marked clean; no later fsync writes them
                pendingData.removeIf(written -> CrashPoint.node(written) == f.node() && lost.add(written));
            }
        }
        return points;
    }

    /** The pending writes to {@code node} made up to {@code upTo}, written into its durable content. */
    private static void makeDurable(List<TraceEvent> pendingData, Map<Integer, byte[]> data, int node, long upTo) {
        pendingData.removeIf(written -> {
            boolean durable = CrashPoint.node(written) == node && written.atNanos() <= upTo;
            if (durable) {
                data.put(node, CrashPoint.applyData(data.getOrDefault(node, new byte[0]), written, Integer.MAX_VALUE));
            }
            return durable;
        });
    }
}
