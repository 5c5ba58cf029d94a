package io.capstan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.capstan.control.managed.ManagedState;
import io.capstan.control.store.EventRecord;
import io.capstan.control.store.Store;
import io.capstan.control.store.Stores;
import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.ContainerFilter;
import io.capstan.core.engine.EventFilter;
import io.capstan.core.engine.Subscription;
import io.capstan.core.label.Labels;
import io.capstan.core.model.ContainerStatus;
import io.capstan.core.model.ContainerSummary;
import io.capstan.core.model.EventKind;
import io.capstan.docker.EngineLocator;
import io.capstan.docker.EngineStarter;
import io.capstan.tck.RunImage;
import io.capstan.tck.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

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
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The control plane as its own process ({@code capstan server}) on the real engine, killed and disturbed: SIGKILL
 * at random moments during scale-ups and rolling updates, and the engine restarted under it. Afterwards the replica
 * count is exactly the desired one, nothing is orphaned, and every container has its events.
 */
@Isolated("it restarts the engine, and with it every node engine other tests run on")
class ControlPlaneReliabilityIT {
    /** A tag of the test image of this run's own: the cleanup removes only the containers made of it. */
    private static final RunImage RUN_IMAGE = RunImage.of(TestImages.BUSYBOX);
    private static final String IMAGE = RUN_IMAGE.ref();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path data;

    private ContainerEngine engine;
    private Process server;
    private int port;
    private String token;
    private final Set<String> created = ConcurrentHashMap.newKeySet();
    private Set<String> existingBefore;
    private Subscription watch;

    @BeforeEach
    void setUp() throws Exception {
        engine = EngineLocator.fromEnvironment().locate(null);
        RUN_IMAGE.tag(engine);
        existingBefore = Set.copyOf(engine.containers().list(ContainerFilter.ALL).stream().map(ContainerSummary::id).toList());
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        // Every managed container of the image the engine creates during the test, whoever creates it.
        watch = engine.events(new EventFilter(Set.of("container"), Map.of(Labels.MANAGED_BY, IMAGE), null), e -> {
            if (e.is(EventKind.CREATED)) {
                created.add(e.actorId());
            }
        });
    }

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.destroyForcibly();
        }
        if (watch != null) {
            watch.close();
        }
        RUN_IMAGE.remove(engine);
        engine.close();
    }

    private void startServer() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        server = new ProcessBuilder(java, "-Xmx160m", "-cp", System.getProperty("java.class.path"),
                "io.capstan.cli.Main", "server", "--port", String.valueOf(port), "--db", data.resolve("capstan.db").toString(),
                "--data-dir", data.toString(), "--resync-interval", "2")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolve("server.log").toFile()))
                .start();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            assertThat(server.isAlive()).as("server process (log: %s)", data.resolve("server.log")).isTrue();
            return status("GET", "/health", null) == 200;
        });
        token = Files.readString(data.resolve("admin.token")).strip();
    }

    private int status(String method, String path, String body) {
        try {
            return call(method, path, body).statusCode();
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

    private static String desired(int replicas, int version) {
        return "{\"replicas\": " + replicas + ", \"max_replicas\": 6, \"command\": [\"sleep\", \"600\"], "
                + "\"env\": {\"VERSION\": \"" + version + "\"}}";
    }

    private List<ContainerSummary> onEngine() {
        return engine.containers().list(ContainerFilter.allWithLabels(Map.of(Labels.MANAGED_BY, IMAGE)));
    }

    /** Exactly {@code replicas} containers, all running, all of configuration {@code version}. */
    private void awaitConverged(int replicas, int version) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            List<ContainerSummary> all = onEngine();
            assertThat(all).as("managed containers; the server's log ends:%n%s", serverLogTail()).hasSize(replicas)
                    .allSatisfy(c -> assertThat(c.status()).isEqualTo(ContainerStatus.RUNNING));
            for (ContainerSummary c : all) {
                assertThat(engine.containers().inspect(c.id()).environment()).containsEntry("VERSION", String.valueOf(version));
            }
        });
    }

    private String serverLogTail() {
        try {
            List<String> lines = Files.readAllLines(data.resolve("server.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (java.io.IOException e) {
            return "(no server log: " + e.getMessage() + ")";
        }
    }

    @Test
    void killedAtRandomMomentsDuringScalingAndRolloutsItConvergesWithoutOrphans() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String path = "/containers/" + URLEncoder.encode(IMAGE, StandardCharsets.UTF_8);
        startServer();
        int replicas = 2;
        int version = 0;
        assertThat(call("PUT", path + "/desired", desired(replicas, version)).statusCode()).isEqualTo(201);
        List<String> log = new ArrayList<>();
        for (int round = 1; round <= 20; round++) {
            if (round > 1) {
                startServer();
            }
            HttpResponse<String> answer;
            if (random.nextBoolean()) {
                replicas = 1 + random.nextInt(6);
                answer = call("POST", path + "/scale", "{\"replicas\": " + replicas + "}");
                log.add("scale " + replicas);
            } else {
                version++;
                answer = call("PUT", path + "/desired", desired(replicas, version));
                log.add("rollout " + version);
            }
            assertThat(answer.statusCode()).as("seed %d, %s: %s", seed, log, answer.body()).isEqualTo(200);
            Thread.sleep(random.nextInt(2500));
            server.destroyForcibly().waitFor();
        }
        startServer();
        awaitConverged(replicas, version);

        // No container appeared during the test without Capstan's labels, and every container it made has its events.
        assertThat(engine.containers().list(ContainerFilter.ALL).stream()
                .filter(c -> !existingBefore.contains(c.id()) && !ManagedState.isManaged(c.labels())))
                .as("containers made during the test without the managed labels").isEmpty();
        JsonNode running = JSON.readTree(call("GET", path + "/desired", null).body());
        assertThat(running.path("running").asInt()).isEqualTo(replicas);
        assertThat(created).as("containers created during the test").hasSizeGreaterThan(replicas);
        try (Store store = Stores.sqlite(data.resolve("capstan.db"))) {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (String id : created) {
                    List<String> words = store.eventsOf(id, 100).stream().map(EventRecord::event).toList();
                    assertThat(words).as("events of %s (seed %d, %s)", id, seed, log).contains("create");
                    boolean exists = onEngine().stream().anyMatch(c -> c.id().equals(id));
                    if (!exists) {
                        assertThat(words).as("events of removed %s", id).contains("remove");
                    }
                }
            });
        }
    }

    @Test
    void anEngineRestartedUnderItIsRejoinedAndTheReplicasComeBack() throws Exception {
        String path = "/containers/" + URLEncoder.encode(IMAGE, StandardCharsets.UTF_8);
        startServer();
        assertThat(call("PUT", path + "/desired", desired(2, 0)).statusCode()).isEqualTo(201);
        awaitConverged(2, 0);
        long pid = server.pid();

        watch.close();
        watch = null;
        Process stop = new ProcessBuilder("pkill", "-TERM", "-x", "dockerd").inheritIO().start();
        assertThat(stop.waitFor()).as("pkill dockerd (the test needs root, as the engine does)").isZero();
        await().atMost(Duration.ofSeconds(60)).until(() ->
                new ProcessBuilder("pgrep", "-x", "dockerd").start().waitFor() != 0);
        await().atMost(Duration.ofSeconds(20)).until(() -> status("GET", "/health", null) == 503);
        new EngineStarter(EngineLocator.fromEnvironment()).ensureRunning(null, line -> { });
        engine.close();
        engine = EngineLocator.fromEnvironment().locate(null);

        await().atMost(Duration.ofSeconds(30)).until(() -> status("GET", "/health", null) == 200);
        awaitConverged(2, 0);
        assertThat(server.isAlive()).isTrue();
        assertThat(server.pid()).isEqualTo(pid);
    }
}
