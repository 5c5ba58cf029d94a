package io.capstan.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code capstan server} on a network address as its own process on the real engine: it says the API is plain HTTP,
 * the start-up line names the address and the port it really listens on, and reads follow the flag chosen.
 */
class ServerExposureIT {
    private static final Pattern LISTENING = Pattern.compile("listening on 0\\.0\\.0\\.0:(\\d+)");

    @TempDir
    Path dir;

    @Test
    void withAuthReadsOnEveryAddressItWarnsOfPlainHttpNamesTheRealPortAndReadsNeedAToken() throws Exception {
        String log = serve(List.of("--auth-reads"), port -> assertThat(status(port)).isEqualTo(401));
        assertThat(log).contains("capstan: WARNING: the API on 0.0.0.0 is plain HTTP");
    }

    @Test
    void withPublicReadsReadsNeedNoToken() throws Exception {
        String log = serve(List.of("--public-reads"), port -> assertThat(status(port)).isEqualTo(200));
        assertThat(log).contains("plain HTTP");
    }

    interface PortCheck {
        void check(int port) throws Exception;
    }

    /** Starts the server on 0.0.0.0 with port 0 and {@code flags}, reads the port it says, checks it, stops it. */
    private String serve(List<String> flags, PortCheck check) throws Exception {
        Path log = Files.createTempFile(dir, "server", ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "io.capstan.cli.Main", "server", "--bind", "0.0.0.0", "--port", "0",
                "--data-dir", dir.resolve("data").toString(), "--db", dir.resolve("capstan.db").toString()));
        command.addAll(flags);
        Process server = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                assertThat(server.isAlive()).as("server process: %s", Files.readString(log)).isTrue();
                return Files.readString(log).contains("capstan: control plane at");
            });
            Matcher m = LISTENING.matcher(Files.readString(log));
            assertThat(m.find()).as(Files.readString(log)).isTrue();
            int port = Integer.parseInt(m.group(1));
            assertThat(port).isPositive();
            assertThat(Files.readString(log)).contains("control plane at http://127.0.0.1:" + port + ", listening on");
            check.check(port);
        } finally {
            server.destroy();
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        return Files.readString(log);
    }

    private static int status(int port) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/desired")).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode();
    }
}
