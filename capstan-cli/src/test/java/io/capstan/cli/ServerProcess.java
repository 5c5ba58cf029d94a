package io.capstan.cli;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code capstan server} as its own process, on a port of its own, its output in {@code DATA/server.log}. */
final class ServerProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Path data;
    private final String engine;
    private final List<String> args;
    private final int port;
    private Process process;
    private String token;

    /** A server of {@code data} on the engine at {@code engine} with the server options {@code args}, not started yet. */
    ServerProcess(Path data, String engine, String... args) throws Exception {
        this.data = data;
        this.engine = engine;
        this.args = List.of(args);
        try (ServerSocket socket = new ServerSocket(0)) {
            this.port = socket.getLocalPort();
        }
    }

    /** Starts it and waits until it answers (the engine and the database must answer for that). */
    void start() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx160m", "-cp", System.getProperty("java.class.path"),
                "io.capstan.cli.Main", "--engine", engine, "server", "--port", String.valueOf(port),
                "--data-dir", data.toString(), "--resync-interval", "2"));
        command.addAll(args);
        process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolve("server.log").toFile())).start();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            assertThat(process.isAlive()).as("server process (log: %s)", data.resolve("server.log")).isTrue();
            return status("GET", "/health") == 200;
        });
        token = Files.readString(data.resolve("admin.token")).strip();
    }

    /** SIGKILLs it, as a crash would: nothing it holds in memory is written. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** The status of {@code METHOD PATH}, or -1 when the server does not answer. */
    int status(String method, String path) {
        try {
            return call(method, path, null).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    HttpResponse<String> call(String method, String path, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    Path log() {
        return data.resolve("server.log");
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            kill();
        }
    }
}
