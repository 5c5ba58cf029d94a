package io.capstan.cli;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code capstan managed} sends this host's admin token only to this host's own server; any other {@code --url} gets
 * only a token the user named. A small HTTP listener stands in for "another server" and records what it is sent.
 */
class ManagedTokenScopeTest {
    private static final String ADMIN = "cap_local-admin-token";

    @TempDir
    Path dir;

    private HttpServer listener;
    private final List<String> authorization = Collections.synchronizedList(new ArrayList<>());
    private Path data;

    @BeforeEach
    void start() throws Exception {
        listener = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        listener.createContext("/", exchange -> {
            authorization.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] body = "{\"containers\": []}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        listener.start();
        data = Files.createDirectories(dir.resolve("xdg/capstan"));
        Path admin = Files.writeString(data.resolve("admin.token"), ADMIN + "\n");
        Files.setPosixFilePermissions(admin, PosixFilePermissions.fromString("rw-------"));
    }

    @AfterEach
    void stop() {
        listener.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + listener.getAddress().getPort();
    }

    @Test
    void theAdminTokenIsNotSentToAnotherUrl() throws Exception {
        assertThat(managed(Map.of(), "--url", url())).isZero();
        assertThat(authorization).containsExactly("null");
    }

    @Test
    void theAdminTokenGoesToTheServerItBelongsTo() throws Exception {
        Files.writeString(data.resolve(LocalServer.PORT_FILE), listener.getAddress().getPort() + "\n");
        assertThat(managed(Map.of(), "--url", url())).isZero();
        assertThat(authorization).containsExactly("Bearer " + ADMIN);
    }

    @Test
    void aTokenTheUserNamedGoesToAnyUrl() throws Exception {
        assertThat(managed(Map.of("CAPSTAN_TOKEN", "cap_from-environment"), "--url", url())).isZero();
        Path file = Files.writeString(dir.resolve("token"), "cap_from-file\n");
        assertThat(managed(Map.of(), "--url", url(), "--token-file", file.toString())).isZero();
        assertThat(authorization).containsExactly("Bearer cap_from-environment", "Bearer cap_from-file");
    }

    /** Runs {@code capstan managed ls} as its own process with this test's data directory; returns its exit code. */
    private int managed(Map<String, String> env, String... args) throws Exception {
        Path log = Files.createTempFile(dir, "managed", ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "io.capstan.cli.Main", "managed", "ls"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("CAPSTAN_TOKEN");
        builder.environment().remove("CAPSTAN_URL");
        builder.environment().put("XDG_DATA_HOME", dir.resolve("xdg").toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(log)).doesNotContain("Exception");
        return process.exitValue();
    }
}
