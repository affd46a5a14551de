package dev.faultline.backend;

import dev.faultline.fault.net.EmbeddedToxiproxy;
import dev.faultline.fault.net.NetworkLink;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Network;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.toxiproxy.ToxiproxyContainer;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The backend of a networked adapter for one run: PostgreSQL behind a Toxiproxy proxy. Found in
 * this order: {@code TOXIPROXY_URL} and {@code FAULTLINE_POSTGRES_URL} (or the adapter setting
 * {@code postgres.url}) for servers the user runs (docker-compose.yml); both from Testcontainers
 * when Docker runs and neither is given; otherwise the embedded Toxiproxy and embedded PostgreSQL.
 * Everything it started or created (containers, servers, the proxy, the schema) is released on close.
 */
public final class NetworkBackend implements AutoCloseable {
    /** Adapter settings a networked adapter reads: the JDBC URL goes through the proxy. */
    public static final String URL = "postgres.url";
    public static final String USER = "postgres.user";
    public static final String PASSWORD = "postgres.password";

    private static final String TOXIPROXY_IMAGE = "ghcr.io/shopify/toxiproxy:2.12.0";
    private static final String POSTGRES_IMAGE = "postgres:18-alpine";
    /** The first of the ports Testcontainers' Toxiproxy container publishes for proxies. */
    private static final int CONTAINER_PROXY_PORT = 8666;

    private final Deque<AutoCloseable> owned = new ArrayDeque<>();
    private final String description;
    private final Map<String, String> adapterSettings;
    private final Proxy proxy;
    private volatile NetworkLink link;

    /**
     * @param dataDir   where an embedded PostgreSQL keeps its data (inside the run directory)
     * @param settings  the adapter's settings; {@code postgres.url} names a server to use
     */
    public static NetworkBackend start(Path dataDir, long seed, Map<String, String> settings,
                                       Consumer<String> progress) throws Exception {
        return new NetworkBackend(dataDir, seed, settings, progress);
    }

    private NetworkBackend(Path dataDir, long seed, Map<String, String> settings,
                           Consumer<String> progress) throws Exception {
        String toxiproxyUrl = given(System.getenv("TOXIPROXY_URL"));
        String postgresUrl = given(settings.getOrDefault(URL, System.getenv("FAULTLINE_POSTGRES_URL")));
        try {
            if (toxiproxyUrl == null && postgresUrl == null && dockerAvailable()) {
                progress.accept("starting PostgreSQL and Toxiproxy containers (Testcontainers)");
                Network network = own(Network.newNetwork());
                PostgreSQLContainer postgres = own(new PostgreSQLContainer(POSTGRES_IMAGE)
                        .withNetwork(network).withNetworkAliases("postgres"));
                ToxiproxyContainer toxiproxy = own(new ToxiproxyContainer(TOXIPROXY_IMAGE).withNetwork(network));
                postgres.start();
                toxiproxy.start();
                ToxiproxyClient client = new ToxiproxyClient(toxiproxy.getHost(), toxiproxy.getControlPort());
                proxy = client.createProxy("postgres", "0.0.0.0:" + CONTAINER_PROXY_PORT, "postgres:5432");
                String reach = toxiproxy.getHost() + ":" + toxiproxy.getMappedPort(CONTAINER_PROXY_PORT);
                adapterSettings = settings("jdbc:postgresql://" + reach + "/" + postgres.getDatabaseName(),
                        postgres.getUsername(), postgres.getPassword());
                description = "PostgreSQL and Toxiproxy in containers (Testcontainers)";
                return;
            }
            ToxiproxyClient client;
            String proxyDescription;
            if (toxiproxyUrl != null) {
                URI uri = URI.create(toxiproxyUrl);
                client = new ToxiproxyClient(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 8474);
                proxyDescription = "Toxiproxy at " + toxiproxyUrl;
            } else {
                EmbeddedToxiproxy embedded = own(EmbeddedToxiproxy.start(0, seed));
                client = new ToxiproxyClient(embedded.host(), embedded.port());
                proxyDescription = "embedded Toxiproxy at " + embedded.url();
            }
            PostgresServer postgres;
            if (postgresUrl != null) {
                postgres = own(PostgresServer.external(postgresUrl));
            } else {
                progress.accept("starting embedded PostgreSQL");
                postgres = own(PostgresServer.embedded(dataDir));
            }
            // A name of its own: a shared Toxiproxy server may serve other runs at the same time.
            String proxyName = "faultline-postgres-" + HexFormat.of().toHexDigits(seed ^ System.nanoTime());
            Proxy created = client.createProxy(proxyName, "127.0.0.1:0", postgres.hostPort());
            owned.push(created::delete);
            proxy = created;
            adapterSettings = settings(postgres.jdbcUrl(created.getListen()), postgres.user(), postgres.password());
            description = postgres.description() + " behind " + proxyDescription;
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    /** Null for unset or blank (a Maven profile passes an empty variable for "not given"). */
    private static String given(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static Boolean docker;

    private static synchronized boolean dockerAvailable() {
        if (docker == null && System.getenv("DOCKER_HOST") == null && dev.faultline.fault.os.Platform.isLinux()
                && !java.nio.file.Files.exists(java.nio.file.Path.of("/var/run/docker.sock"))) {
            docker = false; // nothing to probe: spares Testcontainers' logged error on every machine without Docker
        }
        if (docker == null) {
            try {
                docker = DockerClientFactory.instance().isDockerAvailable();
            } catch (RuntimeException e) {
                docker = false;
            }
        }
        return docker;
    }

    private <T extends AutoCloseable> T own(T resource) {
        owned.push(resource);
        return resource;
    }

    private static Map<String, String> settings(String url, String user, String password) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put(URL, url);
        s.put(USER, user);
        s.put(PASSWORD, password);
        return Map.copyOf(s);
    }

    /** The settings handed to the adapter's instances: the backend reached through the proxy. */
    public Map<String, String> adapterSettings() {
        return adapterSettings;
    }

    /** What runs where, for the result. */
    public String description() {
        return description;
    }

    /** The link between adapter and database; its changes are recorded through {@code record}. */
    public synchronized NetworkLink link(Consumer<String> record) {
        if (link == null) {
            link = new NetworkLink("postgres", proxy, record);
        }
        return link;
    }

    /** Releases what it started, newest first; a failure is reported after the rest is released. */
    @Override
    public void close() throws Exception {
        Exception first = null;
        while (!owned.isEmpty()) {
            try {
                owned.pop().close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
