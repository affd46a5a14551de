package dev.faultline.fault.crash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The disk at one instant of a trace, as a persistence model sees it: what was durable, and the
 * operations not yet durable (directory entry changes and data writes, in the order they were
 * made), any of which a power loss may keep or drop. {@link #states} chooses the crash states to
 * check; {@link CrashState#materialize} writes one out as a directory tree.
 */
public final class CrashPoint {
    /** The unit a write may be torn at, by both crash models (the explorer's and one cut's). */
    public static final int SECTOR = 512;
    private static final byte[] EMPTY = new byte[0];

    private final int index;
    private final List<TraceEvent> trace;
    private final PersistenceModel model;
    private final Map<Integer, TreeMap<String, Integer>> durableTree;
    private final Map<Integer, byte[]> durableData;
    private final List<TraceEvent.EntryChange> pendingEntries;
    private final List<TraceEvent> pendingData;
    /** Writes whose fsync failed: in no state, whatever later fsyncs returned. */
    private final List<TraceEvent> lost;

    CrashPoint(int index, List<TraceEvent> trace, PersistenceModel model, Map<Integer, TreeMap<String, Integer>> durableTree,
               Map<Integer, byte[]> durableData, List<TraceEvent.EntryChange> pendingEntries, List<TraceEvent> pendingData,
               List<TraceEvent> lost) {
        this.index = index;
        this.trace = trace;
        this.model = model;
        this.durableTree = durableTree;
        this.durableData = durableData;
        this.pendingEntries = pendingEntries;
        this.pendingData = pendingData;
        this.lost = lost;
    }

    /** How many events of the trace had happened: the crash comes before event {@code index} (0-based). */
    public int index() {
        return index;
    }

    /** When the crash comes, on the history clock: just before the next event, or at the end of the trace. */
    public long atNanos() {
        return index < trace.size() ? trace.get(index).atNanos() : Long.MAX_VALUE;
    }

    /** Operations not yet durable at this point: what the crash states differ in. */
    public int pending() {
        return pendingEntries.size() + pendingData.size();
    }

    /** The last {@code count} events before the crash, numbered as in the trace, for evidence. */
    public List<String> lastEvents(int count) {
        List<String> lines = new ArrayList<>();
        for (int i = Math.max(0, index - count); i < index; i++) {
            lines.add("#" + (i + 1) + " " + trace.get(i).describe());
        }
        return lines;
    }

    /**
     * Up to {@code max} distinct crash states, in the order they should be checked: nothing
     * pending persisted; everything persisted in order; then each pending operation dropped
     * alone, each write torn alone, each kept alone; then seeded random subsets (every subset
     * when there are few enough). The model then constrains each (ext4's journal order).
     */
    public List<CrashState> states(int max, SplittableRandom random) {
        int units = pending();
        Map<String, CrashState> chosen = new java.util.LinkedHashMap<>();
        BitSet all = new BitSet();
        all.set(0, units);
        offer(chosen, new BitSet(), Map.of());
        offer(chosen, all, Map.of());
        if (units <= 20 && (1L << units) <= max) {
            for (long mask = 0; mask < (1L << units); mask++) {
                offer(chosen, BitSet.valueOf(new long[] {mask}), Map.of());
            }
        }
        for (int u = 0; u < units && chosen.size() < max; u++) {
            BitSet butOne = (BitSet) all.clone();
            butOne.clear(u);
            offer(chosen, butOne, Map.of());
        }
        for (int d = 0; d < pendingData.size() && chosen.size() < max; d++) {
            Integer keep = tear(pendingData.get(d), random);
            if (keep != null) {
                offer(chosen, all, Map.of(d, keep));
            }
        }
        for (int u = 0; u < units && chosen.size() < max; u++) {
            BitSet one = new BitSet();
            one.set(u);
            offer(chosen, one, Map.of());
        }
        for (int attempt = 0; attempt < 4 * max && chosen.size() < max; attempt++) {
            BitSet some = new BitSet();
            Map<Integer, Integer> torn = new HashMap<>();
            for (int u = 0; u < units; u++) {
                if (random.nextBoolean()) {
                    some.set(u);
                    int d = u - pendingEntries.size();
                    Integer keep = d >= 0 && random.nextInt(4) == 0 ? tear(pendingData.get(d), random) : null;
                    if (keep != null) {
                        torn.put(d, keep);
                    }
                }
            }
            offer(chosen, some, torn);
        }
        return chosen.values().stream().limit(max).toList();
    }

    /** Bytes kept of a write torn at a sector boundary strictly inside it; null if it spans none. */
    private static Integer tear(TraceEvent event, SplittableRandom random) {
        if (!(event instanceof TraceEvent.Write w)) {
            return null;
        }
        long first = (w.position() / SECTOR + 1) * SECTOR;
        long end = w.position() + w.bytes().length;
        if (first >= end) {
            return null;
        }
        long boundaries = (end - 1 - first) / SECTOR + 1;
        return (int) (first + random.nextLong(boundaries) * SECTOR - w.position());
    }

    /** Adds the state the model makes of this choice, unless an equal one is there. */
    private void offer(Map<String, CrashState> chosen, BitSet units, Map<Integer, Integer> torn) {
        BitSet entries = units.get(0, pendingEntries.size());
        BitSet data = units.get(pendingEntries.size(), pending());
        Map<Integer, Integer> tears = new TreeMap<>(torn);
        if (model.entriesInOrder()) {
            int count = entries.cardinality();
            entries = new BitSet();
            entries.set(0, count);
        }
        if (model.replacingRenameCarriesData()) {
            for (int e = entries.nextSetBit(0); e >= 0; e = entries.nextSetBit(e + 1)) {
                if (pendingEntries.get(e) instanceof TraceEvent.Rename r && r.replacing()) {
                    for (int d = 0; d < pendingData.size(); d++) {
                        if (node(pendingData.get(d)) == r.node() && pendingData.get(d).atNanos() <= r.atNanos()) {
                            data.set(d);
                            tears.remove(d);
                        }
                    }
                }
            }
        }
        tears.keySet().retainAll(data.stream().boxed().toList());
        CrashState state = new CrashState(this, entries, data, Map.copyOf(tears));
        chosen.putIfAbsent(state.key(), state);
    }

    static int node(TraceEvent dataEvent) {
        return dataEvent instanceof TraceEvent.Write w ? w.node() : ((TraceEvent.Truncate) dataEvent).node();
    }

    /** Writes the tree of {@code state} under {@code root} (an empty directory). */
    void materialize(CrashState state, Path root) throws IOException {
        Map<Integer, TreeMap<String, Integer>> tree = new HashMap<>();
        durableTree.forEach((dir, entries) -> tree.put(dir, new TreeMap<>(entries)));
        for (int e = state.entries().nextSetBit(0); e >= 0; e = state.entries().nextSetBit(e + 1)) {
            apply(tree, pendingEntries.get(e));
        }
        writeDirectory(tree, Trace.ROOT, root, state);
    }

    private void writeDirectory(Map<Integer, TreeMap<String, Integer>> tree, int dir, Path at, CrashState state) throws IOException {
        for (var entry : tree.getOrDefault(dir, new TreeMap<>()).entrySet()) {
            Path child = at.resolve(entry.getKey());
            int node = entry.getValue();
            if (tree.containsKey(node)) {
                Files.createDirectory(child);
                writeDirectory(tree, node, child, state);
            } else {
                Files.write(child, content(node, state));
            }
        }
    }

    private byte[] content(int node, CrashState state) {
        byte[] bytes = durableData.getOrDefault(node, EMPTY);
        for (int d = state.data().nextSetBit(0); d >= 0; d = state.data().nextSetBit(d + 1)) {
            TraceEvent event = pendingData.get(d);
            if (node(event) == node) {
                Integer keep = state.torn().get(d);
                bytes = applyData(bytes, event, keep == null ? Integer.MAX_VALUE : keep);
            }
        }
        return bytes;
    }

    /** {@code bytes} after a write (its first {@code keep} bytes only, when torn) or a truncation. */
    static byte[] applyData(byte[] bytes, TraceEvent event, int keep) {
        if (event instanceof TraceEvent.Truncate t) {
            return Arrays.copyOf(bytes, (int) t.size());
        }
        TraceEvent.Write w = (TraceEvent.Write) event;
        int length = Math.min(keep, w.bytes().length);
        int pos = (int) w.position();
        byte[] out = pos + length > bytes.length ? Arrays.copyOf(bytes, pos + length) : bytes.clone();
        System.arraycopy(w.bytes(), 0, out, pos, length);
        return out;
    }

    /** A directory entry change applied to a tree; a change whose source is gone changes only its target. */
    static void apply(Map<Integer, TreeMap<String, Integer>> tree, TraceEvent.EntryChange change) {
        if (change instanceof TraceEvent.Create c) {
            tree.computeIfAbsent(c.directory(), d -> new TreeMap<>()).put(c.name(), c.node());
            if (c.isDirectory()) {
                tree.putIfAbsent(c.node(), new TreeMap<>());
            }
        } else if (change instanceof TraceEvent.Rename r) {
            TreeMap<String, Integer> from = tree.get(r.fromDirectory());
            if (from != null && Integer.valueOf(r.node()).equals(from.get(r.fromName()))) {
                from.remove(r.fromName());
            }
            tree.computeIfAbsent(r.directory(), d -> new TreeMap<>()).put(r.name(), r.node());
        } else if (change instanceof TraceEvent.Remove r) {
            TreeMap<String, Integer> in = tree.get(r.directory());
            if (in != null && Integer.valueOf(r.node()).equals(in.get(r.name()))) {
                in.remove(r.name());
            }
        }
    }

    /** What the state left out or tore, in the trace's words. */
    List<String> deviations(CrashState state) {
        List<String> lines = new ArrayList<>();
        lost.forEach(l -> lines.add("lost for good when its fsync failed: " + l.describe()));
        for (int e = 0; e < pendingEntries.size(); e++) {
            if (!state.entries().get(e)) {
                lines.add("not persisted: " + pendingEntries.get(e).describe());
            }
        }
        for (int d = 0; d < pendingData.size(); d++) {
            if (!state.data().get(d)) {
                lines.add("not persisted: " + pendingData.get(d).describe());
            } else if (state.torn().containsKey(d)) {
                lines.add("torn: " + pendingData.get(d).describe() + ", only its first " + state.torn().get(d) + " B persisted");
            }
        }
        return lines;
    }
}
