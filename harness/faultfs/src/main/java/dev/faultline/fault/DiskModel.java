package dev.faultline.fault;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.DoubleSupplier;
import java.util.stream.Stream;

import dev.faultline.fault.crash.Trace;

/**
 * What the fault file system knows about the disk under it: the bytes used against a quota, the
 * last forced content of every file written since (to undo on a crash), and whether the world is
 * cut. Every delegated operation runs under the read side of one lock, a crash under the write
 * side, so no write lands after the cut.
 */
final class DiskModel {
    private static final byte[] EMPTY = new byte[0];

    private final Path base;
    private final FaultController controller;
    private final ReentrantReadWriteLock world = new ReentrantReadWriteLock();
    /** Sorted, so that a crash draws its random numbers in the same order on every run. */
    private final Map<Path, byte[]> lastForced = new TreeMap<>();
    private volatile long quota = -1;
    private long used = -1;
    private volatile boolean crashed;
    /** Off until a crash is announced: remembering forced content costs a read before each first write. */
    private volatile boolean trackingCrashes;
    /**
     * Directory entries made, renamed or removed since their directory was last forced, in order:
     * a crash keeps a prefix of them and undoes the rest, newest first. A directory entry is
     * durable only once its directory is forced (POSIX; ext4 and XFS lose such renames at a power
     * cut), so a store that renames its temporary file into place and never forces the directory
     * loses acknowledged writes.
     */
    private final List<EntryChange> pendingEntries = new ArrayList<>();
    /** Files a force failed on, and what it dropped (see {@link #forceFailed}). */
    private final Map<Path, FailedForce> failedForces = new java.util.HashMap<>();

    /** A change to a directory's entries, with what undoing it needs. */
    private sealed interface EntryChange {
        /** The directory whose force makes the change durable. */
        Path directory();

        void undo() throws IOException;
    }

    private record Created(Path path) implements EntryChange {
        public Path directory() {
            return path.getParent();
        }

        public void undo() throws IOException {
            deleteTree(path);
        }
    }

    private record Renamed(Path from, Path to, byte[] replaced) implements EntryChange {
        public Path directory() {
            return to.getParent();
        }

        public void undo() throws IOException {
            if (Files.exists(to)) {
                Files.move(to, from, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            if (replaced != null) {
                Files.write(to, replaced);
            }
        }
    }

    private record Removed(Path path, byte[] content) implements EntryChange {
        public Path directory() {
            return path.getParent();
        }

        public void undo() throws IOException {
            if (content == null) {
                Files.createDirectories(path);
            } else {
                Files.write(path, content);
            }
        }
    }

    /** Every operation under the root, in order, while the crash explorer records; null otherwise. */
    private volatile Trace trace;

    DiskModel(Path base, FaultController controller) {
        this.base = base;
        this.controller = controller;
    }

    @FunctionalInterface
    interface IoCall<T> {
        T call() throws IOException;
    }

    /** Runs a delegated operation unless the world is cut. */
    <T> T guarded(java.util.function.Supplier<String> relative, IoCall<T> call) throws IOException {
        world.readLock().lock();
        try {
            if (crashed) {
                throw Errno.EIO.exception(relative.get(), null, "the world was cut by a simulated crash");
            }
            return call.call();
        } finally {
            world.readLock().unlock();
        }
    }

    /** Starts recording every operation under the root (see {@link Trace}). */
    Trace startTrace(java.util.function.LongSupplier clock) throws IOException {
        Trace started = new Trace(base, clock);
        trace = started;
        return started;
    }

    /** The trace being recorded, or null. */
    Trace trace() {
        return trace;
    }

    boolean crashed() {
        return crashed;
    }

    void trackCrashes() {
        trackingCrashes = true;
    }

    synchronized void setQuota(long bytes) {
        if (used < 0) {
            used = measure();
        }
        quota = bytes;
    }

    synchronized void clearQuota() {
        quota = -1;
        used = -1;
    }

    /**
     * How many of {@code length} bytes at {@code position} of a file of {@code size} bytes fit;
     * throws ENOSPC when none do, as a real disk's next write does after a short one.
     */
    boolean hasQuota() {
        return quota >= 0;
    }

    long reserve(java.util.function.Supplier<String> relative, long position, long length, long size) throws IOException {
        if (quota < 0) {
            return length; // no quota: nothing to count, no lock to take
        }
        return reserveCounted(relative, position, length, size);
    }

    private synchronized long reserveCounted(java.util.function.Supplier<String> relative, long position, long length, long size) throws IOException {
        if (quota < 0) {
            return length;
        }
        long growth = Math.max(0, position + length - size);
        long free = Math.max(0, quota - used);
        if (growth <= free) {
            used += growth;
            return length;
        }
        long fits = Math.max(0, length - (growth - free));
        if (fits == 0) {
            controller.record(IoOp.WRITE, relative.get(), "quota", "ENOSPC (" + used + " of " + quota + " bytes used)");
            throw Errno.ENOSPC.exception(relative.get(), null, "quota of " + quota + " bytes");
        }
        used += free;
        return fits;
    }

    /** Before a file's first write since its last force: remember what a crash would leave. */
    void beforeWrite(Path file) throws IOException {
        if (trackingCrashes) {
            rememberForced(file);
        }
    }

    private synchronized void rememberForced(Path file) throws IOException {
        if (!lastForced.containsKey(file)) {
            lastForced.put(file, Files.exists(file) ? Files.readAllBytes(file) : EMPTY);
        }
    }

    /** A file's data, or a directory's entries, made durable. */
    void forced(Path path) {
        if (trackingCrashes) {
            synchronized (this) {
                FailedForce failed = failedForces.get(path);
                if (failed == null) {
                    lastForced.remove(path);
                } else {
                    lastForced.put(path, failed.survivors(readOrEmpty(path))); // the lost writes stay lost
                }
                pendingEntries.removeIf(change -> change.directory().equals(path));
            }
        }
    }

    /**
     * A force that failed (EIO). Linux drops the dirty pages and marks them clean, so a later
     * force succeeds without writing them: what was written since the last good force is lost for
     * good, whatever later forces return (PostgreSQL's "fsyncgate", 2018). Bytes written after
     * the failure can still be made durable.
     */
    void forceFailed(Path file) {
        if (!trackingCrashes) {
            return;
        }
        synchronized (this) {
            byte[] durable = lastForced.get(file);
            if (durable != null && !failedForces.containsKey(file)) {
                failedForces.put(file, new FailedForce(durable, readOrEmpty(file)));
            }
        }
    }

    /** Whether a force of this file failed: its writes' positions then matter to the model. */
    boolean forceFailedOn(Path file) {
        if (!trackingCrashes) {
            return false;
        }
        synchronized (this) {
            return failedForces.containsKey(file);
        }
    }

    /** {@code length} bytes written at {@code position}: after a failed force, these are new and can be made durable. */
    void wrote(Path file, long position, int length) {
        if (!trackingCrashes || length <= 0) {
            return;
        }
        synchronized (this) {
            FailedForce failed = failedForces.get(file);
            if (failed != null) {
                failed.rewritten.set((int) position, (int) position + length);
            }
        }
    }

    /** What a failed force dropped: the bytes that differed from the durable content then, unless written again since. */
    private static final class FailedForce {
        final byte[] durable;
        final byte[] dropped;
        final java.util.BitSet rewritten = new java.util.BitSet();

        FailedForce(byte[] durable, byte[] dirtyThen) {
            this.durable = durable;
            this.dropped = dirtyThen;
        }

        /** {@code now} with every dropped byte not written since put back to what was durable (zero past its end). */
        byte[] survivors(byte[] now) {
            byte[] left = now.clone();
            for (int i = 0; i < Math.min(left.length, dropped.length); i++) {
                boolean wasDirty = i >= durable.length || dropped[i] != durable[i];
                if (wasDirty && !rewritten.get(i)) {
                    left[i] = i < durable.length ? durable[i] : 0;
                }
            }
            return left;
        }
    }

    private static byte[] readOrEmpty(Path file) {
        try {
            return Files.exists(file) ? Files.readAllBytes(file) : EMPTY;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Before an open that may create {@code file}: whether it is new (only asked while tracking crashes). */
    boolean createsEntry(Path file) {
        return trackingCrashes && !Files.exists(file);
    }

    /** A new file or directory: its entry is not durable until its parent is forced. */
    void entryCreated(Path path) {
        if (trackingCrashes && !path.equals(base.toAbsolutePath().normalize())) { // the root is the harness's to give, not the store's to make durable
            synchronized (this) {
                pendingEntries.add(new Created(path));
            }
        }
    }

    /** Before a rename while tracking crashes: what the target held, to put back should the rename not persist. */
    byte[] beforeRename(Path to) throws IOException {
        return trackingCrashes && Files.isRegularFile(to) ? Files.readAllBytes(to) : null;
    }

    /** Before a removal while tracking crashes: the content to put back (null: a directory) should it not persist. */
    byte[] beforeRemove(Path path) throws IOException {
        return trackingCrashes && Files.isRegularFile(path) ? Files.readAllBytes(path) : null;
    }

    synchronized void moved(Path from, Path to, long replacedBytes, byte[] replaced) {
        if (quota >= 0) {
            used -= replacedBytes;
        }
        if (trackingCrashes) {
            pendingEntries.add(new Renamed(from, to, replaced));
        }
        byte[] durable = lastForced.remove(from);
        lastForced.remove(to);
        if (durable != null) {
            lastForced.put(to, durable);
        }
        FailedForce failed = failedForces.remove(from);
        failedForces.remove(to);
        if (failed != null) {
            failedForces.put(to, failed);
        }
    }

    synchronized void deleted(Path file, long bytes, byte[] content) {
        if (quota >= 0) {
            used -= bytes;
        }
        lastForced.remove(file);
        failedForces.remove(file);
        if (trackingCrashes) {
            pendingEntries.add(new Removed(file, content));
        }
    }

    synchronized void shrunk(long bytes) {
        if (quota >= 0) {
            used -= bytes;
        }
    }

    void crash(DoubleSupplier random) {
        if (!trackingCrashes) {
            throw new IllegalStateException("announce crashes with FaultController.trackCrashes() before the writes they should undo");
        }
        world.writeLock().lock();
        try {
            crashed = true;
            synchronized (this) {
                for (var e : lastForced.entrySet()) {
                    Path file = e.getKey();
                    if (!Files.exists(file)) {
                        continue;
                    }
                    byte[] now = Files.readAllBytes(file);
                    FailedForce failed = failedForces.get(file);
                    if (failed != null) {
                        now = failed.survivors(now); // dropped pages cannot reach the disk, whatever is torn
                    }
                    byte[] left = random.getAsDouble() < 0.5 ? e.getValue() : torn(e.getValue(), now, random);
                    Files.write(file, left, StandardOpenOption.TRUNCATE_EXISTING);
                }
                lastForced.clear();
                failedForces.clear();
                // directory entries: a prefix of those not yet durable persisted, in order; the rest is undone, newest first
                int persisted = (int) (random.getAsDouble() * (pendingEntries.size() + 1));
                for (int i = pendingEntries.size() - 1; i >= persisted; i--) {
                    pendingEntries.get(i).undo();
                }
                pendingEntries.clear();
                used = quota >= 0 ? measure() : -1;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not apply the crash to " + base, e);
        } finally {
            world.writeLock().unlock();
        }
    }

    /** What a crash leaves of a file's writes since its last force, when some of them persisted. */
    static final int SECTOR = dev.faultline.fault.crash.CrashPoint.SECTOR;

    /**
     * The writes since the last force persisted up to a sector boundary (or whole), in order; the
     * forced bytes they had not reached are still there. Only what was not yet durable is lost or
     * torn: a correct write-ahead log, which forces a prefix and appends after it, keeps that
     * prefix (cutting anywhere in the whole file failed correct logs on half their seeds).
     */
    static byte[] torn(byte[] forced, byte[] now, DoubleSupplier random) {
        int same = java.util.Arrays.mismatch(forced, now);
        int keep = same < 0 ? now.length : same; // bytes the writes since the force did not change
        java.util.List<Integer> cuts = new java.util.ArrayList<>();
        cuts.add(keep);
        for (int c = (keep / SECTOR + 1) * SECTOR; c < now.length; c += SECTOR) {
            cuts.add(c);
        }
        if (now.length > keep) {
            cuts.add(now.length);
        }
        int cut = cuts.get((int) (random.getAsDouble() * cuts.size()));
        byte[] left = java.util.Arrays.copyOf(now, Math.max(cut, forced.length));
        if (forced.length > cut) {
            System.arraycopy(forced, cut, left, cut, forced.length - cut); // older bytes past the cut were never overwritten on disk
        }
        return left;
    }

    void restart() {
        crashed = false;
    }

    private static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> all = Files.walk(path)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private long measure() {
        if (!Files.isDirectory(base)) {
            return 0;
        }
        // a quota may be set while the store writes (a composed disk-full)
        try {
            return FileTrees.bytesUnder(base);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}