package io.capstan.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code capstan server} as its own process on the real engine: where its data goes, and what every start says. */
class ServerStartIT {
    @TempDir
    Path dir;

    @Test
    void theDataDirectoryIsUnderHomeAndEveryStartNamesTheAdminTokenFile() throws Exception {
        Path home = dir.resolve("home");
        Path data = home.resolve(".local/share/capstan");
        Map<String, String> env = Map.of("HOME", home.toString());

        String first = startAndStop(env);
        assertThat(first).contains("capstan: made the admin token: " + data.resolve("admin.token"),
                "(database: " + data.resolve("capstan.db"));
        assertThat(data.resolve("admin.token")).exists();

        String second = startAndStop(env);
        assertThat(second).contains("capstan: admin token: " + data.resolve("admin.token")
                + " (mode 0600; send it as 'Authorization: Bearer <token>')").doesNotContain("made the admin token");
    }

    @Test
    void xdgDataHomeWinsOverHome() throws Exception {
        Path xdg = dir.resolve("xdg");
        String started = startAndStop(Map.of("HOME", dir.resolve("home").toString(), "XDG_DATA_HOME", xdg.toString()));
        assertThat(started).contains("made the admin token: " + xdg.resolve("capstan/admin.token"),
                "(database: " + xdg.resolve("capstan/capstan.db"));
        assertThat(dir.resolve("home")).doesNotExist();
    }

    /** Starts the server with {@code env} (and no XDG_DATA_HOME unless given), waits until it serves, stops it. */
    private String startAndStop(Map<String, String> env) throws Exception {
        Path log = Files.createTempFile(dir, "server", ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "io.capstan.cli.Main", "server", "--port", String.valueOf(freePort()))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("XDG_DATA_HOME");
        builder.environment().putAll(env);
        Process server = builder.start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                assertThat(server.isAlive()).as("server process: %s", Files.readString(log)).isTrue();
                return Files.readString(log).contains("capstan: control plane at");
            });
        } finally {
            server.destroy();
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        return Files.readString(log);
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
