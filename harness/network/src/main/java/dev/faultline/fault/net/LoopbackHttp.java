package dev.faultline.fault.net;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The one way the harness and its fixtures start an HTTP server: on the loopback address only,
 * with TCP_NODELAY (the JDK server writes headers and body apart; with Nagle's algorithm and
 * delayed ACKs every small exchange would wait 40 ms).
 */
public final class LoopbackHttp {
    static {
        // Read once, when the JDK's server configuration is first loaded: set before any server exists.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private LoopbackHttp() {
    }

    /** A server on 127.0.0.1:{@code port} (0: any free port), not yet started. */
    public static HttpServer create(int port, int backlog) throws IOException {
        return HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), backlog);
    }
}
