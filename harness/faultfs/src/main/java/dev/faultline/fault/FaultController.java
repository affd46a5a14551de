package dev.faultline.fault;

import java.io.IOException;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The nemesis's hand on a fault file system: rules that fire on operations, a disk quota, a
 * simulated antivirus scanner, and a crash. Everything random comes from the seed; every fault
 * that fires is kept as a {@link FaultEvent} and passed to the listener.
 */
public final class FaultController {
    private final SplittableRandom random;
    private final long originNanos = System.nanoTime();
    private final List<ActiveRule> rules = new CopyOnWriteArrayList<>();
    private final List<FaultEvent> events = new CopyOnWriteArrayList<>();
    private final Map<String, Long> heldUntilNanos = new ConcurrentHashMap<>();
    private final Consumer<FaultEvent> listener;
    private volatile Scanner scanner;
    private volatile DiskModel disk;
    private volatile Runnable closeOpenFiles;
    private Function<String, PathMatcher> matchers = glob -> null;

    public FaultController(long seed) {
        this(seed, e -> { });
    }

    public FaultController(long seed, Consumer<FaultEvent> listener) {
        this.random = new SplittableRandom(seed);
        this.listener = listener;
    }

    /** Wired by the file system this controller drives; {@code closeOpenFiles} is what a crash does to the files open in it. */
    void attach(DiskModel model, Runnable closeOpenFiles, Function<String, PathMatcher> globs) {
        this.disk = model;
        this.closeOpenFiles = closeOpenFiles;
        this.matchers = globs;
    }

    /** Adds a rule; it fires from now on until healed. */
    public FaultController add(FaultRule rule) {
        rules.add(new ActiveRule(rule, rule.glob() == null ? null : matchers.apply(rule.glob())));
        return this;
    }

    boolean hasRules() {
        return !rules.isEmpty();
    }

    /**
     * Announces that this run will {@link #crash()}: from now on the file system remembers what
     * each file held when last forced, which costs a read before a file's first write.
     */
    public FaultController trackCrashes() {
        requireDisk().trackCrashes();
        return this;
    }

    /**
     * Starts recording every file-system operation under the root, for the crash explorer
     * ({@link dev.faultline.fault.crash.CrashExplorer}): a user's test records its own workload
     * and explores the crash states it allows.
     *
     * @param clock the clock acknowledgements are timed on (a history's, or {@code System::nanoTime})
     */
    public dev.faultline.fault.crash.Trace startTrace(java.util.function.LongSupplier clock) throws IOException {
        return requireDisk().startTrace(clock);
    }

    /** Removes the rules with this name. */
    public FaultController heal(String ruleName) {
        rules.removeIf(r -> r.rule.name().equals(ruleName));
        return this;
    }

    /** Removes every rule, the quota and the scanner; a crashed world is restarted. */
    public FaultController healAll() {
        rules.clear();
        scanner = null;
        heldUntilNanos.clear();
        DiskModel d = disk;
        if (d != null) {
            d.clearQuota();
            if (d.crashed()) {
                d.restart();
            }
        }
        return this;
    }

    /** Disk full beyond this many bytes under the root: writes fail part-way with ENOSPC. */
    public FaultController quota(long bytes) {
        requireDisk().setQuota(bytes);
        return this;
    }

    public FaultController clearQuota() {
        requireDisk().clearQuota();
        return this;
    }

    /**
     * A simulated antivirus or indexer, as on Windows: a file matching {@code glob} is held for
     * {@code hold} after it is written and closed; renaming it, replacing it or deleting it while
     * held fails with {@code errno} (Windows shows EACCES as AccessDeniedException).
     */
    public FaultController scanner(String glob, Duration hold, Errno errno) {
        scanner = new Scanner(matchers.apply(glob), hold.toNanos(), errno);
        return this;
    }

    /**
     * Cuts the world at this instant: every operation from now on fails with EIO, and what was not
     * forced to disk since {@link #trackCrashes()} is lost (a file written since its last force goes back to its forced content,
     * or, at random from the seed, keeps a torn prefix of what was written), as LazyFS does. Every
     * file open in the file system is closed, as a dead process's are: its locks are free.
     */
    public FaultController crash() {
        requireDisk().crash(random::nextDouble);
        closeOpenFiles.run();
        record(IoOp.WRITE, "/", "crash", "world cut; unforced writes lost or torn");
        return this;
    }

    /** After a crash: the file system serves again, with what survived. */
    public FaultController restart() {
        requireDisk().restart();
        return this;
    }

    public List<FaultEvent> events() {
        return List.copyOf(events);
    }

    /** Nanoseconds since this controller was made. */
    long now() {
        return System.nanoTime() - originNanos;
    }

    private DiskModel requireDisk() {
        DiskModel d = disk;
        if (d == null) {
            throw new IllegalStateException("the controller is not attached to a fault file system yet");
        }
        return d;
    }

    /**
     * Applies the rules to an operation about to happen; throws the fault's exception when one
     * fires. {@code relative} is the path relative to the root, '/' separated; the globs are
     * matched against the delegate path, and for a rename against its target too.
     */
    void before(IoOp op, java.nio.file.Path matchPath, String relative, java.nio.file.Path otherPath, String other) throws IOException {
        for (ActiveRule active : rules) {
            FaultRule r = active.rule;
            if (!r.ops().contains(op)) {
                continue;
            }
            if (active.matcher != null && !active.matcher.matches(matchPath)
                    && (otherPath == null || !active.matcher.matches(otherPath))) {
                continue;
            }
            if (!active.fires(this)) {
                continue;
            }
            record(op, relative, r.name(), r.effect());
            if (!r.delay().isZero()) {
                sleep(r.delay());
            }
            if (r.errno() != null) {
                throw r.errno().exception(relative, other, "injected by rule " + r.name());
            }
        }
    }

    /** The scanner: fails a rename or delete of a held file. */
    void beforeReplace(IoOp op, String key, java.util.function.Supplier<String> relativeText, java.util.function.Supplier<String> otherText)
            throws IOException {
        Scanner s = scanner;
        if (s == null) {
            return;
        }
        String relative = relativeText.get();
        String other = otherText.get();
        Long until = heldUntilNanos.get(key);
        if (until != null) {
            if (System.nanoTime() < until) {
                record(op, relative, "scanner", s.errno + " (file held by a scanner)");
                throw s.errno.exception(relative, other, "held by a simulated antivirus scanner");
            }
            heldUntilNanos.remove(key);
        }
    }

    /** A file written through a channel was closed: the scanner picks it up. */
    void closedAfterWrite(java.nio.file.Path matchPath, String key) {
        Scanner s = scanner;
        if (s != null && s.matcher.matches(matchPath)) {
            heldUntilNanos.put(key, System.nanoTime() + s.holdNanos);
        }
    }

    void moved(String fromKey, String toKey) {
        Long until = heldUntilNanos.remove(fromKey);
        if (until != null) {
            heldUntilNanos.put(toKey, until);
        }
    }

    void record(IoOp op, String relative, String rule, String effect) {
        FaultEvent e = new FaultEvent(now(), op, relative, rule, effect);
        events.add(e);
        listener.accept(e);
    }

    synchronized double nextDouble() {
        return random.nextDouble();
    }

    private static void sleep(Duration d) throws IOException {
        try {
            Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted during an injected delay");
        }
    }

    private record Scanner(PathMatcher matcher, long holdNanos, Errno errno) {
    }

    /** A rule with its own count of matches. */
    private static final class ActiveRule {
        final FaultRule rule;
        final PathMatcher matcher;
        private int matched;
        private int fired;

        ActiveRule(FaultRule rule, PathMatcher matcher) {
            this.rule = rule;
            this.matcher = matcher;
        }

        synchronized boolean fires(FaultController c) {
            long now = c.now();
            if (now < rule.from().toNanos() || (rule.until() != null && now >= rule.until().toNanos())) {
                return false;
            }
            if (matched++ < rule.skip()) {
                return false;
            }
            if (rule.times() > 0 && fired >= rule.times()) {
                return false;
            }
            if (rule.probability() < 1 && c.nextDouble() >= rule.probability()) {
                return false;
            }
            fired++;
            return true;
        }
    }

    /** Snapshot of what fired, for evidence. */
    public List<String> describeEvents(int max) {
        List<String> lines = new ArrayList<>();
        List<FaultEvent> all = events();
        all.stream().limit(max).forEach(e -> lines.add(e.describe()));
        if (all.size() > max) {
            lines.add("... and " + (all.size() - max) + " more faults");
        }
        return lines;
    }
}
