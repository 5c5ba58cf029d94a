package io.capstan.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.control.ControlPlane;
import io.capstan.control.store.Store;
import io.capstan.control.store.Stores;
import io.capstan.control.workload.ServiceSpecs;
import io.capstan.core.error.NotFoundException;
import io.capstan.core.workload.WorkloadStatus;
import io.capstan.core.workload.WorkloadTask;
import io.capstan.docker.DockerEngine;
import io.capstan.docker.EngineLocator;
import io.capstan.docker.SwarmTarget;
import io.capstan.tck.RunImage;
import io.capstan.tck.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The control plane on a one-node swarm ({@code capstan server --target swarm}), through its REST API: a desired
 * image is one Swarm service whose tasks the API lists as the image's containers and whose changes of state are its
 * events. The engine is made a swarm manager when it is in no swarm, and never made to leave one.
 */
class ServerSwarmIT {
    private static final Duration WAIT = Duration.ofSeconds(120);
    /** A tag of this run's own, named after this test's branch of work: its service's name says whose it is. */
    private final RunImage run = new RunImage(TestImages.BUSYBOX,
            "swarmcp13-run-" + java.util.UUID.randomUUID().toString().substring(0, 8) + ":test");

    /** Tags of the image with a healthcheck, for services whose healthcheck passes and fails, each cleaned up. */
    private final List<RunImage> healthchecked = new ArrayList<>();

    @TempDir
    Path dir;
    private DockerEngine engine;
    private SwarmTarget swarm;
    private Store store;
    private Tokens tokens;
    private String admin;
    private ControlPlane plane;
    private ApiServer server;
    private ApiClient api;
    private String service;

    @BeforeEach
    void start() throws Exception {
        engine = (DockerEngine) EngineLocator.fromEnvironment().locate(null);
        if (!engine.swarmMembership().state().active()) {
            engine.swarmMembership().init("127.0.0.1");
        }
        assertThat(engine.swarmMembership().state().manager()).as("the engine is a swarm manager").isTrue();
        swarm = engine.swarm();
        run.tag(engine);
        service = ServiceSpecs.serviceName(run.ref());
        store = Stores.sqlite(dir.resolve("capstan.db"));
        tokens = Tokens.open(dir, file -> { });
        admin = Files.readString(tokens.adminFile()).strip();
        startServer();
    }

    private void startServer() {
        plane = ControlPlane.open(engine, store, ObservedPlane.FAST, swarm);
        server = ApiServer.start(plane, tokens, new ServerOptions("127.0.0.1", 0, dir, false), "test");
        plane.run();
        api = new ApiClient(server.url());
    }

    private void stopServer() {
        server.close();
        plane.close();
    }

    @AfterEach
    void stop() {
        try {
            stopServer();
            store.close();
        } finally {
            // The shared engine may be restarting (its swarm answers again a moment later): retry the removal.
            await().atMost(WAIT).ignoreExceptions().until(() -> {
                try {
                    swarm.remove(service);
                } catch (NotFoundException gone) {
                    // the test removed it
                }
                return true;
            });
            await().atMost(WAIT).until(() -> engine.containers().list(io.capstan.core.engine.ContainerFilter
                    .allWithLabels(java.util.Map.of("com.docker.swarm.service.name", service))).isEmpty());
            run.remove(engine);
            for (RunImage extra : healthchecked) {
                String name = ServiceSpecs.serviceName(extra.ref());
                await().atMost(WAIT).ignoreExceptions().until(() -> {
                    try {
                        swarm.remove(name);
                    } catch (NotFoundException gone) {
                        // removed already
                    }
                    return engine.containers().list(io.capstan.core.engine.ContainerFilter
                            .allWithLabels(java.util.Map.of("com.docker.swarm.service.name", name))).isEmpty();
                });
                extra.remove(engine);
            }
            engine.close();
        }
    }

    private String image() {
        return URLEncoder.encode(run.ref(), StandardCharsets.UTF_8);
    }

    private ApiClient.Answer call(String method, String path, String body) {
        return api.call(method, path, admin, body);
    }

    /** The service's tasks Swarm wants running, once there are {@code count} and each runs. */
    private List<WorkloadTask> awaitRunning(int count) {
        List<List<WorkloadTask>> seen = new ArrayList<>();
        await().atMost(WAIT).until(() -> {
            WorkloadStatus s = swarm.inspect(service);
            List<WorkloadTask> current = s.currentTasks();
            seen.add(current);
            return "updating".equals(s.updateState()) ? false
                    : current.size() == count && current.stream().allMatch(WorkloadTask::isRunning);
        });
        return seen.getLast();
    }

    private Set<String> containerIds(List<WorkloadTask> tasks) {
        return tasks.stream().map(WorkloadTask::containerId).collect(Collectors.toSet());
    }

    /** What {@code GET /containers} lists for the image, once it lists exactly {@code expected}, each running. */
    private JsonNode awaitListed(Set<String> expected) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(WAIT).untilAsserted(() -> {
            ApiClient.Answer a = call("GET", "/containers?image=" + image(), null);
            assertThat(a.status()).isEqualTo(200);
            last[0] = a.json();
            Set<String> ids = new java.util.HashSet<>();
            a.json().path("containers").forEach(c -> ids.add(c.path("id").asText()));
            assertThat(ids).isEqualTo(expected);
            a.json().path("containers").forEach(c -> assertThat(c.path("status").asText()).isEqualTo("running"));
        });
        return last[0];
    }

    private List<String> events(String word) {
        List<String> ids = new ArrayList<>();
        call("GET", "/events?limit=1000&image=" + image(), null).json().path("events").forEach(e -> {
            if (word.equals(e.path("event").asText())) {
                ids.add(e.path("container_id").asText());
            }
        });
        return ids;
    }

    private RunImage healthcheckedImage(String what) {
        RunImage image = new RunImage(TestImages.BUSYBOX_HEALTHY,
                "swarmhealth13-" + what + "-" + java.util.UUID.randomUUID().toString().substring(0, 8) + ":test");
        image.tag(engine);
        healthchecked.add(image);
        return image;
    }

    /** The image's containers as {@code GET /containers} lists them. */
    private List<JsonNode> listed(RunImage image) {
        List<JsonNode> containers = new ArrayList<>();
        ApiClient.Answer a = call("GET", "/containers?image=" + URLEncoder.encode(image.ref(), StandardCharsets.UTF_8), null);
        assertThat(a.status()).isEqualTo(200);
        a.json().path("containers").forEach(containers::add);
        return containers;
    }

    @Test
    void aTasksHealthIsWhatSwarmSaysOfItsHealthcheck() {
        RunImage passes = healthcheckedImage("passes");
        RunImage fails = healthcheckedImage("fails");
        assertThat(call("PUT", "/containers/" + URLEncoder.encode(passes.ref(), StandardCharsets.UTF_8) + "/desired",
                "{\"min_replicas\": 1, \"max_replicas\": 1, \"replicas\": 1,"
                        + " \"command\": [\"sh\", \"-c\", \"touch /tmp/ready; exec sleep 600\"]}").status()).isEqualTo(201);
        // Never ready: Swarm fails each of its tasks for being unhealthy and starts another.
        assertThat(call("PUT", "/containers/" + URLEncoder.encode(fails.ref(), StandardCharsets.UTF_8) + "/desired",
                "{\"min_replicas\": 1, \"max_replicas\": 1, \"replicas\": 1, \"command\": [\"sleep\", \"600\"]}")
                .status()).isEqualTo(201);

        String[] healthy = new String[1];
        await().atMost(WAIT).untilAsserted(() -> {
            List<JsonNode> containers = listed(passes);
            assertThat(containers).hasSize(1);
            assertThat(containers.getFirst().path("status").asText()).isEqualTo("running");
            assertThat(containers.getFirst().path("health").asText()).isEqualTo("healthy");
            healthy[0] = containers.getFirst().path("id").asText();
        });
        // The health history records the verdict with each sample.
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode health = call("GET", "/containers/instances/" + healthy[0] + "/health?history=5", null).json();
            assertThat(health.path("engine_health").asText()).isEqualTo("healthy");
            assertThat(health.path("history").findValuesAsText("engine_health")).contains("healthy");
        });

        String[] unhealthy = new String[1];
        await().atMost(WAIT).untilAsserted(() -> {
            List<JsonNode> bad = listed(fails).stream().filter(c -> "unhealthy".equals(c.path("health").asText())).toList();
            assertThat(bad).isNotEmpty();
            assertThat(bad.getFirst().path("status").asText()).isEqualTo("exited");
            unhealthy[0] = bad.getFirst().path("id").asText();
        });
        // ... and is replaced: its stop event says why, and a newer task of the replica is listed.
        String failsParam = URLEncoder.encode(fails.ref(), StandardCharsets.UTF_8);
        await().atMost(WAIT).untilAsserted(() -> {
            List<String> stops = new ArrayList<>();
            call("GET", "/events?limit=1000&image=" + failsParam, null).json().path("events").forEach(e -> {
                if ("stop".equals(e.path("event").asText()) && unhealthy[0].equals(e.path("container_id").asText())) {
                    stops.add(e.path("status").asText());
                }
            });
            assertThat(stops).singleElement().asString().contains("unhealthy container");
            assertThat(listed(fails)).anySatisfy(c -> assertThat(c.path("id").asText()).isNotEqualTo(unhealthy[0]));
        });
    }

    @Test
    void aDesiredImageIsOneServiceThatScalesRollsHealsAndIsAdoptedAfterARestart() throws Exception {
        ApiClient.Answer put = call("PUT", "/containers/" + image() + "/desired",
                "{\"min_replicas\": 1, \"max_replicas\": 4, \"replicas\": 2, \"env\": {\"GREETING\": \"hello\"},"
                        + " \"command\": [\"sleep\", \"600\"]}");
        assertThat(put.status()).isEqualTo(201);
        List<WorkloadTask> two = awaitRunning(2);
        assertThat(swarm.inspect(service).spec().env()).containsEntry("GREETING", "hello");

        // One entry per task, with the task's node as host.
        JsonNode listed = awaitListed(containerIds(two));
        listed.path("containers").forEach(c -> {
            assertThat(c.path("image").asText()).isEqualTo(run.ref());
            assertThat(c.path("name").asText()).startsWith(service + ".");
            assertThat(c.path("host").asText()).isNotBlank();
        });
        JsonNode desired = call("GET", "/containers/" + image() + "/desired", null).json();
        assertThat(desired.path("replicas").asInt()).isEqualTo(2);

        // Scaled through the API: the service's replicas.
        assertThat(call("POST", "/containers/" + image() + "/scale", "{\"replicas\": 3}").status()).isEqualTo(200);
        List<WorkloadTask> three = awaitRunning(3);
        assertThat(swarm.inspect(service).spec().replicas()).isEqualTo(3);
        awaitListed(containerIds(three));

        // A changed configuration rolls every replica.
        assertThat(call("PUT", "/containers/" + image() + "/desired",
                "{\"min_replicas\": 1, \"max_replicas\": 4, \"replicas\": 3, \"env\": {\"GREETING\": \"hi\"},"
                        + " \"command\": [\"sleep\", \"600\"]}").status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> "hi".equals(swarm.inspect(service).spec().env().get("GREETING")));
        List<WorkloadTask> rolled = awaitRunning(3);
        assertThat(containerIds(rolled)).doesNotContainAnyElementsOf(containerIds(three));
        awaitListed(containerIds(rolled));

        // A killed task is replaced by Swarm, and both are events.
        String victim = rolled.getFirst().containerId();
        engine.containers().kill(victim, "KILL");
        await().atMost(WAIT).until(() -> !containerIds(swarm.inspect(service).currentTasks()).contains(victim));
        List<WorkloadTask> healed = awaitRunning(3);
        Set<String> healedIds = containerIds(healed);
        awaitListed(healedIds);
        String replacement = healedIds.stream().filter(id -> !containerIds(rolled).contains(id)).findFirst().orElseThrow();
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(events("stop")).contains(victim);
            assertThat(events("start")).contains(replacement);
        });

        // The event stream shows them too, from the stored history.
        URI stream = URI.create(server.url() + "/events/stream?kind=lifecycle&history=100&image=" + image());
        try (SseReader sse = new SseReader(stream, null)) {
            List<String> streamed = new ArrayList<>();
            while (!streamed.contains("stop " + victim) || !streamed.contains("start " + replacement)) {
                SseReader.Message m = sse.next(WAIT);
                assertThat(m).as("lifecycle events streamed so far: %s", streamed).isNotNull();
                streamed.add(m.data().path("event").asText() + " " + m.data().path("container_id").asText());
            }
        }

        // What cannot apply to a service's task is one clear refusal.
        ApiClient.Answer refused = call("POST", "/containers/" + replacement + "/stop", null);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("detail").asText()).contains("not supported").contains("Docker Swarm");

        // A restarted server adopts the service as it is: nothing replaced, nothing recorded twice.
        String serviceId = swarm.inspect(service).id();
        int starts = events("start").size();
        stopServer();
        startServer();
        awaitListed(healedIds);
        plane.settle(Duration.ofSeconds(10));
        assertThat(swarm.inspect(service).id()).isEqualTo(serviceId);
        assertThat(containerIds(swarm.inspect(service).currentTasks())).isEqualTo(healedIds);
        assertThat(events("start")).hasSize(starts);

        // Deleting the desired state removes the service.
        ApiClient.Answer deleted = call("DELETE", "/containers/" + image() + "/desired", null);
        assertThat(deleted.status()).isEqualTo(200);
        assertThatThrownBy(() -> swarm.inspect(service)).isInstanceOf(NotFoundException.class);
        awaitListed(Set.of());
        await().atMost(WAIT).untilAsserted(() -> assertThat(events("remove")).containsAll(healedIds));
    }
}
