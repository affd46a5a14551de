package dev.faultline.fault.net;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import eu.rekawek.toxiproxy.model.toxic.Latency;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded Toxiproxy driven by the official Java client, over real loopback sockets, against
 * an echo server. Timed assertions are lower bounds (a toxic must delay at least this much) with
 * upper bounds an order of magnitude away, so a slow machine cannot make them flake.
 */
class EmbeddedToxiproxyTest {
    private EmbeddedToxiproxy server;
    private ToxiproxyClient client;
    private ServerSocket echo;
    private Proxy proxy;

    @BeforeEach
    void start() throws IOException {
        server = EmbeddedToxiproxy.start(0, 42);
        client = new ToxiproxyClient(server.host(), server.port());
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!echo.isClosed()) {
                try {
                    Socket s = echo.accept();
                    Thread t = new Thread(() -> {
                        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                            in.transferTo(out);
                        } catch (IOException e) {
                            // the test closed or reset it
                        }
                    });
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        proxy = client.createProxy("echo", "127.0.0.1:0", "127.0.0.1:" + echo.getLocalPort());
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        echo.close();
    }

    private Socket connect() throws IOException {
        String[] listen = proxy.getListen().split(":");
        Socket s = new Socket(listen[0], Integer.parseInt(listen[1]));
        s.setSoTimeout(10_000);
        return s;
    }

    /** Sends {@code data} from another thread and reads back up to its length or EOF. */
    private static byte[] roundTrip(Socket s, byte[] data) throws Exception {
        Thread writer = new Thread(() -> {
            try {
                s.getOutputStream().write(data);
                s.getOutputStream().flush();
            } catch (IOException e) {
                // the read side reports what happened
            }
        });
        writer.start();
        byte[] received = s.getInputStream().readNBytes(data.length);
        writer.join();
        return received;
    }

    private static byte[] random(int n) {
        byte[] bytes = new byte[n];
        new Random(7).nextBytes(bytes);
        return bytes;
    }

    @Test
    void passesAMegabyteByteForByteWithNoToxic() throws Exception {
        assertThat(proxy.getListen()).startsWith("127.0.0.1:").doesNotEndWith(":0");
        byte[] data = random(1 << 20);
        try (Socket s = connect()) {
            assertThat(roundTrip(s, data)).isEqualTo(data);
        }
    }

    @Test
    void latencyDelaysEachDirectionFromArrival() throws Exception {
        proxy.toxics().latency("slow", ToxicDirection.DOWNSTREAM, 300);
        try (Socket s = connect()) {
            long start = System.nanoTime();
            assertThat(roundTrip(s, "ping".getBytes())).isEqualTo("ping".getBytes());
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertThat(ms).isBetween(290L, 5_000L);
        }
    }

    @Test
    void updatesMergeAttributesAndShowThroughTheClient() throws Exception {
        Latency latency = proxy.toxics().latency("slow", ToxicDirection.UPSTREAM, 100);
        latency.setJitter(20);
        latency.setToxicity(0.5f);
        Latency read = proxy.toxics().get("slow", Latency.class);
        assertThat(read.getLatency()).isEqualTo(100);
        assertThat(read.getJitter()).isEqualTo(20);
        assertThat(read.getToxicity()).isEqualTo(0.5f);
        assertThat(read.getStream()).isEqualTo(ToxicDirection.UPSTREAM);
        assertThat(proxy.toxics().getAll()).hasSize(1);
        read.remove();
        assertThat(proxy.toxics().getAll()).isEmpty();
    }

    @Test
    void toxicityZeroLeavesConnectionsAlone() throws Exception {
        proxy.toxics().timeout("blackhole", ToxicDirection.DOWNSTREAM, 0).setToxicity(0f);
        try (Socket s = connect()) {
            assertThat(roundTrip(s, "ping".getBytes())).isEqualTo("ping".getBytes());
        }
    }

    @Test
    void downRefusesConnectionsAndCutsLiveOnesUntilEnabled() throws Exception {
        try (Socket live = connect()) {
            proxy.disable();
            assertThat(live.getInputStream().read()).isEqualTo(-1);
        }
        assertThat(client.getProxy("echo").isEnabled()).isFalse();
        assertThatThrownBy(this::connect).isInstanceOf(ConnectException.class);
        proxy.enable();
        try (Socket s = connect()) {
            assertThat(roundTrip(s, "back".getBytes())).isEqualTo("back".getBytes());
        }
    }

    /**
     * A disabled proxy's listener is gone when disable answers, so enabling it again at once takes
     * the same port back: the close of a listener that a thread is blocked on accepting takes
     * effect only when that thread leaves accept, and a rebind before then failed with 500.
     */
    @Test
    void aProxyDisabledAndEnabledAtOnceComesBackOnItsPortEveryTime() throws Exception {
        String listen = proxy.getListen();
        for (int i = 0; i < 300; i++) {
            proxy.disable();
            proxy.enable();
        }
        assertThat(client.getProxy("echo").getListen()).isEqualTo(listen);
        try (Socket s = connect()) {
            assertThat(roundTrip(s, "back".getBytes())).isEqualTo("back".getBytes());
        }
    }

    @Test
    void timeoutDropsDataThenClosesAfterItsTimeout() throws Exception {
        proxy.toxics().timeout("blackhole", ToxicDirection.UPSTREAM, 300);
        try (Socket s = connect()) {
            long start = System.nanoTime();
            s.getOutputStream().write("lost".getBytes());
            assertThat(s.getInputStream().read()).isEqualTo(-1);
            assertThat((System.nanoTime() - start) / 1_000_000).isBetween(250L, 5_000L);
        }
    }

    @Test
    void timeoutZeroHoldsTheConnectionOpenAndSilent() throws Exception {
        proxy.toxics().timeout("blackhole", ToxicDirection.DOWNSTREAM, 0);
        try (Socket s = connect()) {
            s.setSoTimeout(500);
            s.getOutputStream().write("lost".getBytes());
            assertThatThrownBy(() -> s.getInputStream().read()).isInstanceOf(java.net.SocketTimeoutException.class);
        }
    }

    @Test
    void resetPeerResetsTheConnection() throws Exception {
        try (Socket s = connect()) {
            proxy.toxics().resetPeer("reset", ToxicDirection.UPSTREAM, 0);
            assertThatThrownBy(() -> {
                for (int i = 0; i < 100; i++) {
                    s.getOutputStream().write(new byte[1024]);
                    Thread.sleep(10);
                }
                s.getInputStream().read();
            }).isInstanceOf(SocketException.class).hasMessageContaining("reset");
        }
    }

    @Test
    void limitDataClosesAfterExactlyTheLimit() throws Exception {
        proxy.toxics().limitData("limit", ToxicDirection.DOWNSTREAM, 1000);
        try (Socket s = connect()) {
            byte[] data = random(5000);
            byte[] received = roundTrip(s, data);
            assertThat(received).hasSize(1000).isEqualTo(Arrays.copyOf(data, 1000));
        }
    }

    @Test
    void slicerAndBandwidthKeepTheBytesAndTakeTheirTime() throws Exception {
        proxy.toxics().slicer("slices", ToxicDirection.UPSTREAM, 100, 0).setSizeVariation(50);
        proxy.toxics().bandwidth("narrow", ToxicDirection.DOWNSTREAM, 100);
        byte[] data = random(50_000);
        try (Socket s = connect()) {
            long start = System.nanoTime();
            assertThat(roundTrip(s, data)).isEqualTo(data);
            // 50,000 bytes at 100 KB/s: at least 0.45 s
            assertThat((System.nanoTime() - start) / 1_000_000).isBetween(450L, 20_000L);
        }
    }

    @Test
    void slowCloseDelaysTheClose() throws Exception {
        proxy.toxics().slowClose("lingering", ToxicDirection.DOWNSTREAM, 400);
        try (Socket s = connect()) {
            assertThat(roundTrip(s, "x".getBytes())).isEqualTo("x".getBytes());
            s.shutdownOutput();
            long start = System.nanoTime();
            assertThat(s.getInputStream().read()).isEqualTo(-1);
            assertThat((System.nanoTime() - start) / 1_000_000).isBetween(350L, 5_000L);
        }
    }

    @Test
    void apiAnswersAsToxiproxyDoes() throws Exception {
        assertThat(client.version()).isEqualTo(EmbeddedToxiproxy.VERSION);
        assertThatThrownBy(() -> client.createProxy("echo", "127.0.0.1:0", "127.0.0.1:1"))
                .isInstanceOf(IOException.class).hasMessageContaining("409");
        assertThatThrownBy(() -> client.getProxy("nope")).isInstanceOf(IOException.class).hasMessageContaining("404");
        proxy.toxics().latency("slow", ToxicDirection.DOWNSTREAM, 1);
        assertThatThrownBy(() -> proxy.toxics().latency("slow", ToxicDirection.DOWNSTREAM, 1))
                .isInstanceOf(IOException.class).hasMessageContaining("409");
        assertThatThrownBy(() -> client.createProxy("outside", "0.0.0.0:0", "127.0.0.1:1"))
                .isInstanceOf(IOException.class).hasMessageContaining("loopback");
        proxy.disable();
        client.reset();
        Proxy after = client.getProxy("echo");
        assertThat(after.isEnabled()).isTrue();
        assertThat(after.toxics().getAll()).isEmpty();
        assertThat(client.getProxies()).extracting(Proxy::getName).containsExactly("echo");
        after.delete();
        assertThat(client.getProxyOrNull("echo")).isNull();
    }
}
