package io.capstan.cli;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.ContainerFilter;
import io.capstan.core.label.Labels;
import io.capstan.core.model.ContainerStatus;
import io.capstan.core.model.ContainerSummary;
import io.capstan.tck.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The control plane ({@code capstan --engine tcp://... server}, its own process) in the middle of a rolling update
 * when its engine's dockerd is SIGKILLed and started again, 5 times, on an engine of the test's own
 * ({@link NodeEngine}): the same server process, never restarted, converges each time to the new configuration with
 * the desired replica count, and nothing else is left on the engine. The moments are seeded;
 * {@code -Dcapstan.kill.seed=SEED} replays them.
 */
@Execution(ExecutionMode.CONCURRENT) // on an engine of its own: runs beside the other tests (docs/testing.md)
class EngineKilledDuringRollout5IT {
    private static final int ROUNDS = 5;
    private static final String IMAGE = TestImages.BUSYBOX;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final long seed = Long.getLong("capstan.kill.seed", System.nanoTime());
    private final Random random = new Random(seed);
    private NodeEngine node;
    private ContainerEngine engine;
    private Process server;
    private int port;
    private String token;

    @TempDir
    Path data;

    @BeforeEach
    void setUp() throws Exception {
        node = NodeEngine.start("chaos17c-roll-" + UUID.randomUUID().toString().substring(0, 8));
        engine = node.connect();
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        if (server != null) {
            server.destroyForcibly().waitFor();
        }
        if (engine != null) {
            engine.close();
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    void theRunningServerConvergesToTheNewConfigurationAfterItsEngineDiedMidRollout() throws Exception {
        startServer();
        String path = "/containers/" + URLEncoder.encode(IMAGE, StandardCharsets.UTF_8);
        assertThat(call("PUT", path + "/desired", desired(2, 0)).statusCode()).isEqualTo(201);
        awaitConverged(2, 0, "before the first kill");
        long pid = server.pid();
        List<String> log = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            int replicas = 2 + random.nextInt(3);
            long delay = 200 + random.nextInt(2000);
            String what = "round %d of %d (rollout to version %d with %d replicas, engine killed after %d ms, seed %d)"
                    .formatted(round, ROUNDS, round, replicas, delay, seed);
            log.add(what);
            HttpResponse<String> answer = call("PUT", path + "/desired", desired(replicas, round));
            assertThat(answer.statusCode()).as(what + ": " + answer.body()).isEqualTo(200);
            Thread.sleep(delay);
            node.killAndRestart();
            awaitConverged(replicas, round, what);
            assertThat(server.isAlive()).as(what + ": the server (log: %s)", data.resolve("server.log")).isTrue();
            assertThat(server.pid()).as(what + ": the same server process").isEqualTo(pid);
        }
        System.out.printf("EngineKilledDuringRollout5IT: seed %d%n  %s%n", seed, String.join("\n  ", log));
    }

    private static String desired(int replicas, int version) {
        return "{\"replicas\": " + replicas + ", \"max_replicas\": 6, \"command\": [\"sleep\", \"600\"], "
                + "\"env\": {\"VERSION\": \"" + version + "\"}}";
    }

    /** Exactly {@code replicas} containers of the image on the engine, all running, all of {@code version}, no other. */
    private void awaitConverged(int replicas, int version, String what) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
            List<ContainerSummary> all = engine.containers().list(ContainerFilter.ALL);
            assertThat(all).as(what + ": containers on the engine").hasSize(replicas)
                    .allSatisfy(c -> assertThat(c.status()).isEqualTo(ContainerStatus.RUNNING))
                    .allSatisfy(c -> assertThat(c.labels()).containsEntry(Labels.MANAGED_BY, IMAGE));
            for (ContainerSummary c : all) {
                assertThat(engine.containers().inspect(c.id()).environment()).as(what)
                        .containsEntry("VERSION", String.valueOf(version));
            }
        });
    }

    private void startServer() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        server = new ProcessBuilder(java, "-Xmx160m", "-cp", System.getProperty("java.class.path"), "io.capstan.cli.Main",
                "--engine", node.endpoint(), "server", "--port", String.valueOf(port),
                "--db", data.resolve("capstan.db").toString(), "--data-dir", data.toString(), "--resync-interval", "2")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolve("server.log").toFile()))
                .start();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            assertThat(server.isAlive()).as("server process (log: %s)", data.resolve("server.log")).isTrue();
            return status("/health") == 200;
        });
        token = Files.readString(data.resolve("admin.token")).strip();
    }

    private int status(String path) {
        try {
            return call("GET", path, null).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private HttpResponse<String> call(String method, String path, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
