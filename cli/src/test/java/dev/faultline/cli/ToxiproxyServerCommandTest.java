package dev.faultline.cli;

import eu.rekawek.toxiproxy.ToxiproxyClient;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code faultline toxiproxy-server} as a real process, driven by the official client, stopped by SIGTERM. */
class ToxiproxyServerCommandTest {
    @Test
    void servesToxiproxysApiOnLoopbackUntilTerminated() throws Exception {
        String java = Cli.java();
        Process server = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "toxiproxy-server", "--port", "0").redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertThat(line).contains("listening on http://127.0.0.1:");
            URI api = URI.create(line.substring(line.indexOf("http://")));
            ToxiproxyClient client = new ToxiproxyClient(api.getHost(), api.getPort());
            assertThat(client.createProxy("p", "127.0.0.1:0", "127.0.0.1:1").getListen()).startsWith("127.0.0.1:");
            assertThat(client.getProxies()).hasSize(1);
        } finally {
            server.destroy(); // SIGTERM: the shutdown hook closes the server
            assertThat(server.waitFor()).isNotEqualTo(-1);
        }
    }
}
