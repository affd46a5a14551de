package dev.faultline.backend;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A PostgreSQL database for one run: a server the user gives (a URL: a fresh schema is made for
 * the run and dropped after), or an embedded server started in the run's directory.
 *
 * @param host     where the server listens (the proxy goes in front of it)
 * @param database the database, {@code schema} inside it holds the run's tables
 */
public record PostgresServer(String host, int port, String database, String schema, String user, String password,
                             String description, AutoCloseable release) implements AutoCloseable {

    /**
     * The embedded server: PostgreSQL from Maven Central (zonky), data in {@code dataDir}. It
     * listens on loopback TCP only (no Unix socket, so nothing of it is left in the system's
     * temporary directory) and asks for a password made for this run: zonky's {@code initdb -A
     * trust} is narrowed by {@code --auth-host=scram-sha-256} and {@code --pwfile}, so another
     * local user cannot walk into the run's database.
     */
    static PostgresServer embedded(Path dataDir) throws IOException {
        probeLinuxLeavingNothing();
        String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        Path passwordFile = dataDir.resolveSibling("postgres-password");
        Files.writeString(passwordFile, password + "\n");
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false) // the run directory is deleted with it
                    .setLocaleConfig("auth-host", "scram-sha-256") // zonky passes these to initdb as --KEY=VALUE
                    .setLocaleConfig("pwfile", passwordFile.toString())
                    .setConnectConfig("password", password) // zonky's own readiness check logs in too
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("unix_socket_directories", "''")
                    .setServerConfig("max_connections", "300") // scenarios open dozens of instances, each with a pool
                    .setRegisterShutdownHook(false) // the harness's own cleanup stops it
                    .start();
            return new PostgresServer("127.0.0.1", pg.getPort(), "postgres", "public", "postgres", password,
                    "embedded PostgreSQL (zonky) on 127.0.0.1:" + pg.getPort() + ", password authentication", pg);
        } finally {
            Files.deleteIfExists(passwordFile);
        }
    }

    /** zonky's script for its once-per-JVM Linux probe, left in the temporary directory until a normal JVM exit. */
    private static final Pattern PROBE_SCRIPT = Pattern.compile("detect_linux_distribution_[0-9]+\\.sh");

    /**
     * Runs zonky's Linux probe now and deletes the script it made for it (it is done with it once
     * the probe returns), so that a harness killed with SIGKILL leaves none behind: one per run
     * piled up in the system's temporary directory.
     */
    private static void probeLinuxLeavingNothing() throws IOException {
        Set<Path> before = probeScripts();
        LinuxUtils.getDistributionName();
        for (Path made : probeScripts()) {
            if (!before.contains(made)) {
                Files.deleteIfExists(made);
            }
        }
    }

    private static Set<Path> probeScripts() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(f -> PROBE_SCRIPT.matcher(f.getFileName().toString()).matches()).collect(Collectors.toSet());
        }
    }

    /**
     * A server the user runs, from a URL {@code jdbc:postgresql://host:port/db?user=U&password=P}.
     * The run gets a schema of its own, dropped when it ends.
     */
    static PostgresServer external(String url) throws SQLException {
        URI uri = URI.create(url.startsWith("jdbc:") ? url.substring(5) : url);
        if (!"postgresql".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("not a PostgreSQL URL (jdbc:postgresql://host:port/db?user=...&password=...): " + url);
        }
        Properties query = new Properties();
        if (uri.getQuery() != null) {
            for (String pair : uri.getQuery().split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.setProperty(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
        }
        String database = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
        int port = uri.getPort() > 0 ? uri.getPort() : 5432;
        String user = query.getProperty("user", "postgres");
        String password = query.getProperty("password", "");
        String schema = "faultline_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        String direct = "jdbc:postgresql://" + uri.getHost() + ":" + port + "/" + database;
        try (Connection c = DriverManager.getConnection(direct, user, password); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        AutoCloseable drop = () -> {
            try (Connection c = DriverManager.getConnection(direct, user, password); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        };
        return new PostgresServer(uri.getHost(), port, database, schema, user, password,
                "PostgreSQL at " + uri.getHost() + ":" + port + "/" + database + " (schema " + schema + ")", drop);
    }

    /** The JDBC URL through {@code hostPort} (the proxy), with the run's schema. */
    public String jdbcUrl(String hostPort) {
        return "jdbc:postgresql://" + hostPort + "/" + database + "?currentSchema=" + schema;
    }

    public String hostPort() {
        return host + ":" + port;
    }

    @Override
    public void close() throws Exception {
        release.close();
    }
}
