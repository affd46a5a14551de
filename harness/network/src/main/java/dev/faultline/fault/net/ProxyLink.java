package dev.faultline.fault.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One proxied connection: a client socket, its upstream socket, and a pump per direction. Each
 * pump has a reader, which stamps every chunk with its arrival time, and a writer, which applies
 * the toxics in the order they were added (Toxiproxy's chain) and delivers; latency is counted
 * from arrival, so delays do not pile up behind one another.
 */
final class ProxyLink {
    private static final int CHUNK = 32 * 1024;
    /** Queued chunks per direction: a slow toxic pushes back on the sender instead of buffering. */
    private static final int QUEUE = 64;

    /** A toxic as it applies to this connection: decided once, by toxicity, when it is attached. */
    record Attached(Toxic toxic, boolean affects, ScheduledFuture<?> timer) {
    }

    private record Chunk(byte[] data, int length, long arrivalNanos) {
        static final Chunk END = new Chunk(new byte[0], -1, 0);
    }

    private final Socket client;
    private final Socket server;
    private final ScheduledExecutorService timers;
    private final SplittableRandom random;
    private final Runnable onClose;
    /** Attached toxics by name, in the order they were added. */
    private final Map<String, Attached> toxics = java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>());
    private final Map<Boolean, Long> sentBytes = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger pumpsRunning = new java.util.concurrent.atomic.AtomicInteger(2);
    private volatile boolean closed;

    ProxyLink(Socket client, Socket server, ScheduledExecutorService timers, long seed, Runnable onClose) {
        this.client = client;
        this.server = server;
        this.timers = timers;
        this.random = new SplittableRandom(seed);
        this.onClose = onClose;
    }

    void start(String name) throws IOException {
        startPump(name + " upstream", client.getInputStream(), server, true);
        startPump(name + " downstream", server.getInputStream(), client, false);
    }

    /** Attaches a toxic (new, or updated in place): toxicity is drawn again, timers restart. */
    void attach(Toxic toxic) {
        boolean affects;
        synchronized (random) {
            affects = random.nextDouble() < toxic.toxicity();
        }
        ScheduledFuture<?> timer = null;
        if (affects && toxic.type() == Toxic.Type.TIMEOUT && toxic.attribute("timeout") > 0) {
            timer = timers.schedule(this::close, toxic.attribute("timeout"), TimeUnit.MILLISECONDS);
        }
        Attached previous = toxics.put(toxic.name(), new Attached(toxic, affects, timer));
        cancel(previous);
    }

    /** Removes a toxic; a connection a timeout toxic was silencing is closed, as Toxiproxy does. */
    void detach(String name) {
        Attached removed = toxics.remove(name);
        cancel(removed);
        if (removed != null && removed.affects() && removed.toxic().type() == Toxic.Type.TIMEOUT) {
            close();
        }
    }

    private static void cancel(Attached attached) {
        if (attached != null && attached.timer() != null) {
            attached.timer().cancel(false);
        }
    }

    private List<Toxic> active(boolean upstream) {
        List<Toxic> list = new ArrayList<>();
        synchronized (toxics) {
            for (Attached a : toxics.values()) {
                if (a.affects() && a.toxic().upstream() == upstream) {
                    list.add(a.toxic());
                }
            }
        }
        return list;
    }

    /**
     * Copies one direction into {@code destination}. When the direction ends, the destination
     * socket is closed (after slow_close), which ends the other direction in turn: Toxiproxy's teardown.
     */
    private void startPump(String name, InputStream in, Socket destination, boolean upstream) throws IOException {
        OutputStream out = destination.getOutputStream();
        BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(QUEUE);
        Thread reader = new Thread(() -> {
            try {
                while (!closed) {
                    byte[] buffer = new byte[CHUNK];
                    int n = in.read(buffer);
                    if (n < 0) {
                        break;
                    }
                    queue.put(new Chunk(buffer, n, System.nanoTime()));
                }
            } catch (IOException | InterruptedException e) {
                // the connection is gone: the writer ends it below
            }
            try {
                queue.put(Chunk.END);
            } catch (InterruptedException e) {
                close();
            }
        }, "toxiproxy " + name + " reader");
        Thread writer = new Thread(() -> {
            SplittableRandom jitter;
            synchronized (random) {
                jitter = random.split();
            }
            try {
                while (true) {
                    Chunk chunk = queue.take();
                    if (chunk == Chunk.END) {
                        if (resetting(upstream)) {
                            break;
                        }
                        slowClose(upstream);
                        closeQuietly(destination);
                        break;
                    }
                    if (!deliver(chunk, out, upstream, jitter)) {
                        close();
                        break;
                    }
                }
            } catch (IOException | InterruptedException e) {
                close();
            } finally {
                if (pumpsRunning.decrementAndGet() == 0) {
                    close();
                }
            }
        }, "toxiproxy " + name + " writer");
        reader.setDaemon(true);
        writer.setDaemon(true);
        reader.start();
        writer.start();
    }

    /** Applies the direction's toxics to one chunk; false when the link must end (limit_data). */
    private boolean deliver(Chunk chunk, OutputStream out, boolean upstream, SplittableRandom jitter) throws IOException {
        List<Toxic> chain = active(upstream);
        long deliverAt = chunk.arrivalNanos();
        long bandwidth = 0;
        Toxic slicer = null;
        long limit = Long.MAX_VALUE;
        if (resetting(upstream)) {
            return false;
        }
        for (Toxic t : chain) {
            switch (t.type()) {
                case TIMEOUT -> {
                    return true; // dropped on the floor, as Toxiproxy does
                }
                case LATENCY -> {
                    long spread = t.attribute("jitter");
                    long delay = t.attribute("latency") + (spread > 0 ? jitter.nextLong(-spread, spread + 1) : 0);
                    deliverAt += TimeUnit.MILLISECONDS.toNanos(Math.max(0, delay));
                }
                case BANDWIDTH -> bandwidth = t.attribute("rate");
                case SLICER -> slicer = t;
                case LIMIT_DATA -> limit = Math.min(limit, t.attribute("bytes"));
                default -> {
                    // reset_peer is handled above, timeout's close by its timer, slow_close at the end
                }
            }
        }
        dev.faultline.fault.Pacing.parkUntil(deliverAt);
        int length = chunk.length();
        long already = sentBytes.getOrDefault(upstream, 0L);
        boolean lastChunk = false;
        if (already + length >= limit) {
            length = (int) Math.max(0, limit - already);
            lastChunk = true;
        }
        write(out, Arrays.copyOf(chunk.data(), length), bandwidth, slicer, jitter);
        sentBytes.merge(upstream, (long) length, Long::sum);
        return !lastChunk;
    }

    private static void write(OutputStream out, byte[] data, long rateKBps, Toxic slicer, SplittableRandom random) throws IOException {
        int offset = 0;
        while (offset < data.length) {
            int piece = data.length - offset;
            long pauseNanos = 0;
            if (slicer != null) {
                long average = Math.max(1, slicer.attribute("average_size"));
                long variation = slicer.attribute("size_variation");
                piece = (int) Math.min(piece, Math.max(1, average + (variation > 0 ? random.nextLong(-variation, variation + 1) : 0)));
                pauseNanos = TimeUnit.MICROSECONDS.toNanos(slicer.attribute("delay"));
            }
            if (rateKBps > 0) {
                // at most 100 ms worth of data at a time, then the time it takes at the rate
                piece = (int) Math.min(piece, Math.max(1, rateKBps * 100));
                pauseNanos = Math.max(pauseNanos, piece * 1_000_000L / rateKBps);
            }
            boolean last = offset + piece == data.length;
            // Toxiproxy's bandwidth toxic sends each 100 ms piece then waits, and waits before the last
            if (last && rateKBps > 0) {
                LockSupport.parkNanos(pauseNanos);
            }
            out.write(data, offset, piece);
            out.flush();
            offset += piece;
            if (pauseNanos > 0 && !(last && rateKBps > 0)) {
                LockSupport.parkNanos(pauseNanos);
            }
        }
    }

    /**
     * reset_peer: the first chunk (or the end) that meets it waits its timeout, is dropped, and
     * the connection is reset. True when that happened.
     */
    private boolean resetting(boolean upstream) {
        for (Toxic t : active(upstream)) {
            if (t.type() == Toxic.Type.RESET_PEER) {
                dev.faultline.fault.Pacing.parkUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(t.attribute("timeout")));
                reset();
                return true;
            }
        }
        return false;
    }

    private void slowClose(boolean upstream) {
        for (Toxic t : active(upstream)) {
            if (t.type() == Toxic.Type.SLOW_CLOSE) {
                dev.faultline.fault.Pacing.parkUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(t.attribute("delay")));
            }
        }
    }

    /** Resets both sides (RST instead of FIN), as reset_peer does. */
    void reset() {
        try {
            client.setSoLinger(true, 0);
            server.setSoLinger(true, 0);
        } catch (IOException e) {
            // already closed: closing below is all that is left
        }
        close();
    }

    void close() {
        if (closed) {
            return;
        }
        closed = true;
        synchronized (toxics) {
            toxics.values().forEach(ProxyLink::cancel);
        }
        closeQuietly(client);
        closeQuietly(server);
        onClose.run();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing to do: it is closed either way
        }
    }
}
