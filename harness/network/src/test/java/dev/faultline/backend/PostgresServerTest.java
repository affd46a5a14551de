package dev.faultline.backend;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded PostgreSQL a run starts: reachable by the run only, and leaving nothing outside the run directory. */
class PostgresServerTest {

    @Test
    void itAsksForTheRunsOwnPasswordOverLoopbackAndKeepsNoSocketInTheTemporaryDirectory(@TempDir Path run) throws Exception {
        List<String> before = temporaryEntries();
        try (PostgresServer server = PostgresServer.embedded(run.resolve("postgres").toAbsolutePath())) {
            String url = "jdbc:postgresql://" + server.hostPort() + "/postgres";
            assertThat(server.host()).isEqualTo("127.0.0.1");
            assertThat(server.password()).hasSizeGreaterThanOrEqualTo(32).isNotEqualTo("postgres");
            try (Connection c = DriverManager.getConnection(url, server.user(), server.password())) {
                assertThat(c.isValid(5)).isTrue();
            }
            for (String wrong : new String[] {"", "postgres"}) {
                assertThatThrownBy(() -> DriverManager.getConnection(url, server.user(), wrong).close())
                        .isInstanceOf(SQLException.class).hasMessageContaining("password");
            }
            // no .s.PGSQL.<port> socket or lock, no zonky probe script: nothing of the run outside its directory
            assertThat(temporaryEntries()).isSubsetOf(before);
            assertThat(run.resolve("postgres-password")).doesNotExist();
        }
    }

    /** What a PostgreSQL run used to leave in the system's temporary directory: its socket and lock, zonky's probe script. */
    private static List<String> temporaryEntries() throws Exception {
        try (var entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return entries.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(".s.PGSQL.") || n.startsWith("detect_linux_distribution_")).toList();
        }
    }
}
