package dev.faultline.fault.crash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * The file-system operations an adapter performed, in order, as a persistence model sees them
 * (ALICE's "recording"): fed by the fault file system for adapters in the JVM and by strace for
 * process adapters. Paths are relative to the store's root, '/' separated. The recorder keeps the
 * live directory tree so that each path resolves to the node it names at that moment: a write
 * through a channel opened before a rename still lands in the renamed file.
 *
 * <p>Thread-safe; operations of concurrent threads are recorded in the order they reach the
 * recorder, which for overlapping operations may differ from the order the disk saw them.
 */
public final class Trace {
    public static final int ROOT = 0;

    private final LongSupplier clock;
    private final List<TraceEvent> events = new ArrayList<>();
    /** Live tree: directory node to its entries. */
    private final Map<Integer, TreeMap<String, Integer>> directories = new HashMap<>();
    /** What the root held when recording started: durable, since the harness made it. */
    private final Snapshot initial;
    private int nextNode = 1;

    /** The tree under a root when recording started, by node. */
    public record Snapshot(Map<Integer, TreeMap<String, Integer>> directories, Map<Integer, byte[]> files) {
    }

    /**
     * Starts recording on {@code root} as it is now (usually empty).
     *
     * @param clock the run's history clock, so acknowledgements fall between the right operations
     */
    public Trace(Path root, LongSupplier clock) throws IOException {
        this.clock = clock;
        directories.put(ROOT, new TreeMap<>());
        Map<Integer, byte[]> files = new HashMap<>();
        if (Files.isDirectory(root)) {
            try (Stream<Path> all = Files.walk(root)) {
                for (Path p : all.sorted().toList()) {
                    if (p.equals(root)) {
                        continue;
                    }
                    String rel = root.relativize(p).toString().replace(root.getFileSystem().getSeparator(), "/");
                    int node = nextNode++;
                    directories.get(parentNode(rel)).put(name(rel), node);
                    if (Files.isDirectory(p)) {
                        directories.put(node, new TreeMap<>());
                    } else {
                        files.put(node, Files.readAllBytes(p));
                    }
                }
            }
        }
        Map<Integer, TreeMap<String, Integer>> copy = new HashMap<>();
        directories.forEach((k, v) -> copy.put(k, new TreeMap<>(v)));
        this.initial = new Snapshot(copy, files);
    }

    public synchronized List<TraceEvent> events() {
        return List.copyOf(events);
    }

    public Snapshot initial() {
        return initial;
    }

    /** The history clock, for events a recorder timestamps itself (strace's wall clock converted). */
    public long now() {
        return clock.getAsLong();
    }

    /**
     * A file or directory opened; creates the file if it is absent and {@code create} is set.
     * Returns the node the returned handle refers to from now on, or -1 for a path the trace
     * does not know (outside the root, or absent).
     */
    public synchronized int opened(String path, boolean create, boolean truncate) {
        Integer node = resolve(path);
        if (node == null) {
            if (!create || resolve(parent(path)) == null) {
                return -1;
            }
            node = add(new TraceEvent.Create(clock.getAsLong(), resolve(parent(path)), name(path), nextNode, false, path));
        } else if (truncate && !directories.containsKey(node)) {
            events.add(new TraceEvent.Truncate(clock.getAsLong(), node, path, 0));
        }
        return node;
    }

    public synchronized void wrote(int node, String path, long position, byte[] bytes) {
        if (node >= 0 && bytes.length > 0) {
            events.add(new TraceEvent.Write(clock.getAsLong(), node, path, position, bytes));
        }
    }

    public synchronized void truncated(int node, String path, long size) {
        if (node >= 0) {
            events.add(new TraceEvent.Truncate(clock.getAsLong(), node, path, size));
        }
    }

    public synchronized void forced(int node, String path) {
        if (node >= 0) {
            events.add(new TraceEvent.Force(clock.getAsLong(), node, path));
        }
    }

    public synchronized void forceFailed(int node, String path) {
        if (node >= 0) {
            events.add(new TraceEvent.ForceFailed(clock.getAsLong(), node, path));
        }
    }

    public synchronized void createdDirectory(String path) {
        Integer parent = resolve(parent(path));
        if (parent != null && resolve(path) == null) {
            int node = add(new TraceEvent.Create(clock.getAsLong(), parent, name(path), nextNode, true, path));
            directories.put(node, new TreeMap<>());
        }
    }

    public synchronized void renamed(String from, String to) {
        Integer node = resolve(from);
        Integer toParent = resolve(parent(to));
        if (node == null || toParent == null || from.equals(to)) {
            return;
        }
        int fromParent = resolve(parent(from));
        directories.get(fromParent).remove(name(from));
        boolean replacing = directories.get(toParent).put(name(to), node) != null;
        events.add(new TraceEvent.Rename(clock.getAsLong(), fromParent, name(from), toParent, name(to), node, replacing, from, to));
    }

    public synchronized void removed(String path) {
        Integer node = resolve(path);
        if (node == null || node == ROOT) {
            return;
        }
        int parent = resolve(parent(path));
        directories.get(parent).remove(name(path));
        events.add(new TraceEvent.Remove(clock.getAsLong(), parent, name(path), node, path));
    }

    private int add(TraceEvent.Create create) {
        nextNode++;
        directories.get(create.directory()).put(create.name(), create.node());
        events.add(create);
        return create.node();
    }

    /** The node a path names now, or null. */
    private Integer resolve(String path) {
        if (path == null) {
            return null;
        }
        int node = ROOT;
        if (path.isEmpty() || path.equals(".")) {
            return node;
        }
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            TreeMap<String, Integer> entries = directories.get(node);
            Integer child = entries == null ? null : entries.get(part);
            if (child == null) {
                return null;
            }
            node = child;
        }
        return node;
    }

    private int parentNode(String path) {
        return resolve(parent(path));
    }

    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? (path.equals(".") ? null : ".") : path.substring(0, slash);
    }

    static String name(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
