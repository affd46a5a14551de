package dev.faultline.fault.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One proxy of the embedded Toxiproxy: a loopback listener, its upstream, its toxics and its live
 * connections. Disabling it ({@code down}) closes the listener and every connection, as Toxiproxy does.
 */
final class ToxicProxy {
    private static final int CONNECT_TIMEOUT_MS = 10_000;

    private final String name;
    private final ScheduledExecutorService timers;
    private final long seed;
    private final AtomicLong connections = new AtomicLong();
    private final Set<ProxyLink> links = ConcurrentHashMap.newKeySet();
    private final Map<String, Toxic> toxics = new LinkedHashMap<>();
    private String listen;
    private String upstream;
    private boolean enabled;
    private ServerSocket server;
    private Thread acceptor;

    ToxicProxy(String name, String listen, String upstream, ScheduledExecutorService timers, long seed) {
        this.name = name;
        this.listen = listen;
        this.upstream = upstream;
        this.timers = timers;
        this.seed = seed;
    }

    String name() {
        return name;
    }

    synchronized void enable() throws IOException {
        if (enabled) {
            return;
        }
        InetSocketAddress address = parse(listen, "listen");
        if (!address.getAddress().isLoopbackAddress()) {
            throw new ApiException(400, "bad request: the embedded Toxiproxy listens on loopback only, not " + listen);
        }
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        try {
            socket.bind(address);
        } catch (IOException e) {
            socket.close();
            throw new ApiException(500, "listen " + listen + ": " + e.getMessage());
        }
        server = socket;
        // port 0 becomes the port given, so a disabled proxy comes back where it was
        listen = hostPort(address.getHostString(), socket.getLocalPort());
        enabled = true;
        acceptor = new Thread(() -> accept(socket), "toxiproxy " + name + " acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    synchronized void disable() {
        if (!enabled) {
            return;
        }
        enabled = false;
        try {
            server.close();
        } catch (IOException e) {
            // closing is all that was wanted
        }
        // The listener is released only when the thread blocked in accept leaves it; until then
        // enabling again (Toxiproxy's down-then-up) fails with "Address already in use".
        try {
            acceptor.join(CONNECT_TIMEOUT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (ProxyLink link : List.copyOf(links)) {
            link.close();
        }
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                return; // disabled or deleted
            }
            Thread connector = new Thread(() -> connect(client), "toxiproxy " + name + " connect");
            connector.setDaemon(true);
            connector.start();
        }
    }

    private void connect(Socket client) {
        Socket target = new Socket();
        try {
            client.setTcpNoDelay(true);
            target.setTcpNoDelay(true);
            target.connect(parse(currentUpstream(), "upstream"), CONNECT_TIMEOUT_MS);
        } catch (IOException | RuntimeException e) {
            close(client);
            close(target);
            return;
        }
        long number = connections.incrementAndGet();
        ProxyLink[] self = new ProxyLink[1];
        ProxyLink link = new ProxyLink(client, target, timers, seed * 31 + number, () -> links.remove(self[0]));
        self[0] = link;
        synchronized (this) {
            if (!enabled) {
                link.close();
                return;
            }
            links.add(link);
            toxics.values().forEach(link::attach);
        }
        try {
            link.start(name + "#" + number);
        } catch (IOException e) {
            link.close();
        }
    }

    private synchronized String currentUpstream() {
        return upstream;
    }

    synchronized void update(String newListen, String newUpstream, Boolean newEnabled) throws IOException {
        boolean rebind = newListen != null && !newListen.equals(listen);
        if (newUpstream != null) {
            parse(newUpstream, "upstream");
            upstream = newUpstream;
        }
        if (rebind) {
            parse(newListen, "listen");
            boolean wasEnabled = enabled;
            disable();
            listen = newListen;
            if (wasEnabled) {
                enable();
            }
        }
        if (newEnabled != null) {
            if (newEnabled) {
                enable();
            } else {
                disable();
            }
        }
    }

    synchronized Toxic addToxic(Toxic toxic) {
        if (toxics.containsKey(toxic.name())) {
            throw new ApiException(409, "toxic already exists");
        }
        toxics.put(toxic.name(), toxic);
        links.forEach(l -> l.attach(toxic));
        return toxic;
    }

    synchronized Toxic updateToxic(String toxicName, Double toxicity, String stream, Map<String, Long> attributes) {
        Toxic updated = toxic(toxicName).updated(toxicity, stream, attributes);
        toxics.put(toxicName, updated);
        links.forEach(l -> l.attach(updated));
        return updated;
    }

    synchronized void removeToxic(String toxicName) {
        toxic(toxicName);
        toxics.remove(toxicName);
        links.forEach(l -> l.detach(toxicName));
    }

    synchronized Toxic toxic(String toxicName) {
        Toxic toxic = toxics.get(toxicName);
        if (toxic == null) {
            throw new ApiException(404, "toxic not found");
        }
        return toxic;
    }

    synchronized List<Toxic> toxics() {
        return new ArrayList<>(toxics.values());
    }

    /** Back to Toxiproxy's reset state: enabled, no toxics. */
    synchronized void reset() throws IOException {
        for (String toxicName : List.copyOf(toxics.keySet())) {
            removeToxic(toxicName);
        }
        enable();
    }

    synchronized Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", name);
        json.put("listen", listen);
        json.put("upstream", upstream);
        json.put("enabled", enabled);
        json.put("toxics", toxics.values().stream().map(Toxic::toJson).toList());
        return json;
    }

    static InetSocketAddress parse(String hostPort, String field) {
        int colon = hostPort == null ? -1 : hostPort.lastIndexOf(':');
        if (colon < 0) {
            throw new ApiException(400, "bad request: " + field + " must be host:port, not " + hostPort);
        }
        String host = hostPort.substring(0, colon).replace("[", "").replace("]", "");
        int port;
        try {
            port = Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new ApiException(400, "bad request: " + field + " has no port: " + hostPort);
        }
        if (port < 0 || port > 65535) {
            throw new ApiException(400, "bad request: " + field + " port out of range: " + hostPort);
        }
        try {
            InetAddress address = host.isEmpty() ? InetAddress.getLoopbackAddress() : InetAddress.getByName(host);
            return new InetSocketAddress(address, port);
        } catch (IOException e) {
            throw new ApiException(400, "bad request: " + field + " host unknown: " + hostPort);
        }
    }

    private static String hostPort(String host, int port) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing more to release
        }
    }

    /** Deleted: the listener and every connection go. */
    void delete() {
        disable();
    }
}
