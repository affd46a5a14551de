package dev.faultline.cli;

import dev.faultline.engine.BadInputException;
import dev.faultline.fault.net.EmbeddedToxiproxy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code faultline toxiproxy-server [--port 8474]}: the embedded Toxiproxy on its own, a
 * Docker-free Toxiproxy for other tools and clients. Loopback only; runs until interrupted.
 */
@Command(name = "toxiproxy-server",
        description = "Run the embedded Toxiproxy (Toxiproxy's HTTP API and toxics) on 127.0.0.1 until interrupted.")
final class ToxiproxyServerCommand implements Callable<Integer> {
    @Option(names = "--port", defaultValue = "8474", description = "API port on 127.0.0.1 (default: ${DEFAULT-VALUE}, Toxiproxy's)")
    int port;

    @Option(names = "--seed", defaultValue = "0", description = "seed for toxicity draws and jitter (default: ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new BadInputException("--port must be between 0 and 65535, not " + port);
        }
        EmbeddedToxiproxy server;
        try {
            server = EmbeddedToxiproxy.start(port, seed);
        } catch (IOException e) {
            throw new BadInputException("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "toxiproxy-server-stop"));
        System.out.println("embedded Toxiproxy " + EmbeddedToxiproxy.VERSION + " API listening on " + server.url());
        System.out.flush();
        stopped.await();
        return Main.EXIT_OK;
    }
}
