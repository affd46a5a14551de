package dev.faultline.engine;

import dev.faultline.check.FailureKind;
import dev.faultline.spi.AdapterContext;
import dev.faultline.spi.BatchWrites;
import dev.faultline.spi.Capabilities;
import dev.faultline.spi.Health;
import dev.faultline.spi.Killable;
import dev.faultline.spi.Outcome;
import dev.faultline.spi.StorageAdapter;

import java.util.ArrayList;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One opened adapter instance, driven from its own thread so that operations are issued one at a
 * time (as the protocol requires), can queue behind each other with their intended start kept,
 * and can be declared HUNG by the watchdog without blocking the caller forever.
 */
public final class Instance {
    private final int number;
    private final StorageAdapter adapter;
    private final History history;
    private final PhaseClock phase;
    private final ExecutorService worker;
    private final Set<CompletableFuture<?>> pending = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Thread workerThread;
    private volatile long currentStartNanos = -1;
    private volatile OpKind currentKind;
    private volatile AdapterFailure failure;
    private volatile boolean abandoned;
    private volatile Capabilities capabilities;

    /** The phase operations are recorded under, shared by all instances of a run. */
    interface PhaseClock {
        Phase phase();
    }

    /** The name of an instance's worker thread, the one its adapter's calls run on, before its number. */
    static final String WORKER = "faultline-instance-";

    /**
     * @param adapterThreads the group the worker runs in, and with it the threads the adapter
     *                       starts from its calls: what a crash should stop
     */
    Instance(int number, StorageAdapter adapter, History history, PhaseClock phase, ThreadGroup adapterThreads) {
        this.number = number;
        this.adapter = adapter;
        this.history = history;
        this.phase = phase;
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(adapterThreads, r, WORKER + number);
            t.setDaemon(true); // a Java adapter that never returns must not keep the JVM alive
            return t;
        });
    }

    public int number() {
        return number;
    }

    public Capabilities capabilities() {
        return capabilities;
    }

    StorageAdapter adapter() {
        return adapter;
    }

    Capabilities open(AdapterContext context) {
        long now = history.now();
        return await(execute(OpKind.OPEN, null, null, null, now, () -> {
            capabilities = adapter.open(context);
            return Outcome.ok();
        }).thenApply(outcome -> {
            if (outcome.isError()) {
                throw new OpenFailed(outcome.error());
            }
            return capabilities;
        }));
    }

    /** The store would not open; the message is the adapter's error. */
    public static final class OpenFailed extends RuntimeException {
        OpenFailed(String message) {
            super(message);
        }
    }

    public Outcome put(String collection, String key, String value) {
        return await(submitPut(collection, key, value, history.now()));
    }

    /** A put that was due at {@code intendedNanos} (the history's clock): its latency counts from then. */
    public Outcome put(String collection, String key, String value, long intendedNanos) {
        return await(submitPut(collection, key, value, intendedNanos));
    }

    /** Queues a put intended to start at {@code intendedNanos}; latency is measured from then. */
    public CompletableFuture<Outcome> submitPut(String collection, String key, String value, long intendedNanos) {
        return execute(OpKind.PUT, collection, key, value, intendedNanos, () -> adapter.put(collection, key, value));
    }

    /** Whether the adapter writes batches as one request ({@link BatchWrites}). */
    public boolean writesBatches() {
        return adapter instanceof BatchWrites;
    }

    /**
     * Writes {@code entries} as one batch: each entry is recorded as a put with the batch's outcome,
     * so an acknowledged batch is checked entry by entry. Only for adapters that {@link #writesBatches()}.
     */
    public Outcome putAll(String collection, Map<String, String> entries) {
        if (!(adapter instanceof BatchWrites batches)) {
            throw new IllegalStateException("the adapter does not write batches");
        }
        Map<String, String> copy = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(entries));
        return await(execute(OpKind.PUT, collection, null, null, copy, history.now(), () -> batches.putAll(collection, copy)));
    }

    public Outcome get(String collection, String key) {
        return await(execute(OpKind.GET, collection, key, null, history.now(), () -> adapter.get(collection, key)));
    }

    public Outcome delete(String collection, String key) {
        return await(execute(OpKind.DELETE, collection, key, null, history.now(), () -> adapter.delete(collection, key)));
    }

    public Outcome list(String collection) {
        return await(execute(OpKind.LIST, collection, null, null, history.now(), () -> adapter.list(collection)));
    }

    public Outcome flush() {
        return await(execute(OpKind.FLUSH, null, null, null, history.now(), adapter::flush));
    }

    public Health health() {
        Health[] seen = new Health[1];
        Outcome outcome = await(execute(OpKind.HEALTH, null, null, null, history.now(), () -> {
            seen[0] = adapter.health();
            return Outcome.ok();
        }));
        return seen[0] != null ? seen[0]
                : Health.degraded(Map.of("error", String.valueOf(outcome.error())));
    }

    /** Closes the adapter and stops the instance's thread; a second call does nothing. */
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            if (failure == null) {
                await(execute(OpKind.CLOSE, null, null, null, history.now(), () -> {
                    adapter.close();
                    return Outcome.ok();
                }));
            }
        } finally {
            worker.shutdown();
        }
    }

    /** Ends the instance without asking it: kills a process adapter; a Java one is abandoned. */
    void abandon() {
        closed.set(true);
        abandoned = true;
        if (adapter instanceof ExternalProcess k) {
            k.kill();
        }
        worker.shutdownNow();
        pending.forEach(p -> p.completeExceptionally(new Abandoned(number)));
    }

    /**
     * The instance's world crashed: abandoned, and if it was still open, a Java adapter with
     * threads of its own has them stopped as its process's death would ({@link Killable}).
     *
     * @return whether nothing could stop the threads the adapter may have started: it was open,
     *         in this JVM, and not {@link Killable}
     */
    boolean crash() {
        boolean wasOpen = !closed.get();
        abandon();
        if (!wasOpen || adapter instanceof ExternalProcess) {
            return false;
        }
        if (adapter instanceof Killable killable) {
            try {
                killable.kill();
            } catch (RuntimeException | LinkageError e) {
                // a dead store's last words are not judged; what it left on disk is
            }
            return false;
        }
        return true;
    }

    /**
     * Once the run is over, asks a Java adapter abandoned as HUNG to close, from a thread of its
     * own (the one it hung in may never return), so what it holds (a service, a port, files) can
     * go; if close blocks too, only that daemon thread stays with it. Not for crashes: a crashed
     * store is not asked anything, and not before the run's checks are done.
     */
    void releaseIfHung() {
        if (!abandoned || adapter instanceof ExternalProcess || failure == null || failure.kind() != FailureKind.HUNG) {
            return;
        }
        Thread release = new Thread(() -> {
            try {
                adapter.close();
            } catch (Exception | LinkageError e) {
                // nothing more can be done for it
            }
        }, "faultline-release-hung-" + number);
        release.setDaemon(true);
        release.start();
    }

    /** What waiting callers of an instance that was ended from outside (a crash, a hang) get. */
    public static final class Abandoned extends IllegalStateException {
        Abandoned(int number) {
            super("instance " + number + " was ended by the scenario");
        }
    }

    /**
     * An adapter that is a separate process: it can be killed from outside (when it hangs, or to
     * play a crash), started under a wrapper (libfiu's fiu-run), and keeps evidence (its stderr).
     */
    public interface ExternalProcess {
        /** SIGKILL, with its descendants. */
        void kill();

        /** Evidence kept about the instance (the tail of its stderr). */
        List<String> evidence();

        /** The process id, once started. */
        long pid();

        /** Hears the process id as soon as the process exists, before it answers anything; before open only. */
        void whenStarted(java.util.function.LongConsumer listener);

        /** Starts the command under a wrapper, e.g. {@code fiu-run -x ... CMD}; before open only. */
        void wrapCommand(java.util.function.UnaryOperator<List<String>> wrapper);
    }

    /** The adapter's process, when it is one. */
    public java.util.Optional<ExternalProcess> process() {
        return adapter instanceof ExternalProcess p ? java.util.Optional.of(p) : java.util.Optional.empty();
    }

    /** Called by the watchdog: fails the running and queued operations as HUNG. */
    void checkHung(long limitNanos) {
        long started = currentStartNanos;
        if (started < 0 || failure != null || history.now() - started <= limitNanos) {
            return;
        }
        List<String> evidence = new ArrayList<>();
        Thread t = workerThread;
        if (t != null) {
            evidence.add("thread " + t.getName() + " (" + t.getState() + "):");
            for (StackTraceElement e : t.getStackTrace()) {
                evidence.add("    at " + e);
            }
        }
        if (adapter instanceof ExternalProcess k) {
            evidence.addAll(k.evidence());
        }
        // Before the waiters wake: the run may end at once, and must find the instance ended and abandoned
        // (not close it in the thread it hung in, and release it afterwards). Once a race in CI.
        closed.set(true);
        abandoned = true;
        fail(new AdapterFailure(FailureKind.HUNG, String.format("instance %d: %s did not answer within %.1f s",
                number, currentKind, limitNanos / 1e9), evidence));
        abandon();
    }

    private void fail(AdapterFailure f) {
        synchronized (this) {
            if (failure == null) {
                failure = f;
            }
        }
        pending.forEach(p -> p.completeExceptionally(failure));
    }

    @FunctionalInterface
    private interface Call {
        Outcome invoke() throws Exception;
    }

    private CompletableFuture<Outcome> execute(OpKind kind, String collection, String key, String value,
                                               long intendedNanos, Call call) {
        return execute(kind, collection, key, value, null, intendedNanos, call);
    }

    /** @param batch for a batch put: every entry is recorded as a put with the batch's one outcome */
    private CompletableFuture<Outcome> execute(OpKind kind, String collection, String key, String value,
                                               Map<String, String> batch, long intendedNanos, Call call) {
        CompletableFuture<Outcome> future = new CompletableFuture<>();
        pending.add(future);
        future.whenComplete((r, e) -> pending.remove(future));
        if (failure != null || abandoned) {
            future.completeExceptionally(failure != null ? failure : new Abandoned(number));
            return future;
        }
        // The phase the operation was issued in: an abandoned instance may answer after the run moved on.
        Phase issuedIn = phase.phase();
        try {
            worker.execute(() -> {
            if (future.isDone()) {
                return;
            }
            workerThread = Thread.currentThread();
            currentKind = kind;
            long start = history.now();
            currentStartNanos = start;
            Outcome outcome;
            try {
                outcome = call.invoke();
                if (outcome == null) {
                    outcome = Outcome.error("adapter returned no outcome for " + kind);
                }
            } catch (BadInputException e) {
                currentStartNanos = -1;
                // The request may have taken effect before the adapter broke the protocol.
                record(issuedIn, kind, collection, key, value, batch, intendedNanos, start, null);
                future.completeExceptionally(e);
                return;
            } catch (AdapterFailure f) {
                fail(f);
                record(issuedIn, kind, collection, key, value, batch, intendedNanos, start, null);
                return;
            } catch (Exception | LinkageError | AssertionError e) {
                outcome = Outcome.error(e);
            } finally {
                currentStartNanos = -1;
            }
            record(issuedIn, kind, collection, key, value, batch, intendedNanos, start, outcome);
            future.complete(outcome);
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            future.completeExceptionally(new Abandoned(number)); // ended between the check and the hand-over
        }
        return future;
    }

    private void record(Phase issuedIn, OpKind kind, String collection, String key, String value, Map<String, String> batch,
                        long intendedNanos, long start, Outcome outcome) {
        long end = history.now();
        if (batch == null) {
            history.record(new Operation(number, issuedIn, kind, collection, key, value, intendedNanos, start, end, outcome));
            return;
        }
        batch.forEach((k, v) -> history.record(new Operation(number, issuedIn, OpKind.PUT, collection, k, v, intendedNanos, start, end, outcome)));
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the adapter", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
