package io.capstan.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.control.ControlPlane;
import io.capstan.control.store.EventRecord;
import io.capstan.control.store.HealthSnapshot;
import io.capstan.control.store.Store;
import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.ContainerFilter;
import io.capstan.core.label.Labels;
import io.capstan.core.model.ContainerInfo;
import io.capstan.core.spec.ContainerSpec;
import io.capstan.docker.EngineLocator;
import io.capstan.tck.RunImage;
import io.capstan.tck.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every route of the control plane's API against the real engine, on each database the store runs on. Each test
 * starts a control plane and a server on a free port, and removes what it created.
 */
abstract class ControlPlaneApiContract {
    /** A tag of the test image of this run's own: the cleanup removes only the containers made of it. */
    private static final RunImage RUN_IMAGE = RunImage.of(TestImages.BUSYBOX);
    protected static final String IMAGE = RUN_IMAGE.ref();
    private static final String SLEEPER = "\"command\": [\"sleep\", \"600\"]";

    @TempDir
    Path dataDir;

    protected ContainerEngine engine;
    protected Store store;
    protected ControlPlane plane;
    protected ApiServer server;
    protected Tokens tokens;
    protected ApiClient api;
    protected String admin;
    private final List<String> outsiders = new ArrayList<>();

    /** A fresh store; {@link #reopenStore()} opens the same database again. */
    protected abstract Store openStore();

    protected abstract Store reopenStore();

    @BeforeEach
    void startServer() throws Exception {
        engine = EngineLocator.fromEnvironment().locate(null);
        RUN_IMAGE.tag(engine);
        store = openStore();
        startPlane();
        admin = Files.readString(tokens.adminFile()).strip();
    }

    protected void startPlane() {
        plane = ControlPlane.start(engine, store);
        tokens = Tokens.open(dataDir, file -> { });
        server = ApiServer.start(plane, tokens, new ServerOptions("127.0.0.1", 0, dataDir, false), "test");
        api = new ApiClient(server.url());
    }

    protected void stopPlane() {
        server.close();
        plane.close();
    }

    @AfterEach
    void stopServer() {
        stopPlane();
        store.close();
        outsiders.forEach(id -> engine.containers().remove(id, true, true));
        outsiders.clear();
        RUN_IMAGE.remove(engine);
        engine.close();
    }

    // ---- helpers ------------------------------------------------------------------------------------------------------

    protected ApiClient.Answer post(String path, String body) {
        return api.call("POST", path, admin, body);
    }

    protected ApiClient.Answer get(String path) {
        return api.call("GET", path, null, null);
    }

    protected JsonNode create(String extra) {
        ApiClient.Answer answer = post("/start/container", "{\"image\": \"" + IMAGE + "\", " + SLEEPER
                + (extra.isEmpty() ? "" : ", " + extra) + "}");
        assertThat(answer.status()).as(answer.json().toString()).isEqualTo(200);
        return answer.json();
    }

    protected static String encoded(String image) {
        return URLEncoder.encode(image, StandardCharsets.UTF_8);
    }

    protected String outsider() {
        String id = engine.containers().create(ContainerSpec.builder(IMAGE).name("outsider-" + UUID.randomUUID()
                .toString().substring(0, 8)).command("sleep", "600").build());
        engine.containers().start(id);
        outsiders.add(id);
        return id;
    }

    /** The container's events, oldest first, once at least {@code expected} are stored (the stream is asynchronous). */
    protected List<EventRecord> eventsOf(String id, int expected) throws InterruptedException {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(store.eventsOf(id, 100))
                .as("events of %s", id).extracting(EventRecord::event).hasSizeGreaterThanOrEqualTo(expected));
        plane.settle(Duration.ofSeconds(10));
        return store.eventsOf(id, 100).reversed();
    }

    protected static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    // ---- creating ----------------------------------------------------------------------------------------------------

    @Test
    void startContainerCreatesARunningManagedContainerWithWhatTheEngineBound() {
        JsonNode c = create("\"env\": {\"DEBUG\": \"true\"}, \"ports\": {\"80/tcp\": null}, "
                + "\"resources\": {\"cpu_limit\": \"0.5\", \"memory_limit\": \"512Mi\"}");
        ContainerInfo info = engine.containers().inspect(c.path("id").asText());
        assertThat(c.path("ok").asBoolean()).isTrue();
        assertThat(c.path("name").asText()).isEqualTo(info.name());
        assertThat(c.path("status").asText()).isEqualTo("running").isEqualTo(info.status().word());
        assertThat(c.path("ports").path("80/tcp").asInt()).isPositive().isEqualTo(info.ports().getFirst().hostPort());
        assertThat(info.resources().memoryBytes()).isEqualTo(512L * 1024 * 1024);
        assertThat(info.resources().nanoCpus()).isEqualTo(500_000_000L);
        assertThat(info.environment()).containsEntry("DEBUG", "true");
        assertThat(info.labels()).containsEntry(Labels.MANAGED_BY, IMAGE).containsEntry(Labels.OWNER, "true");
        assertThat(info.restartPolicy()).isEqualTo(io.capstan.core.spec.RestartPolicy.NO);
        assertThat(c.path("memory_limit").asLong()).isEqualTo(512L * 1024 * 1024);
        assertThat(c.path("cpu_limit").asDouble()).isEqualTo(0.5);
        assertThat(c.path("container_id").asText()).isEqualTo(info.id()).isEqualTo(c.path("id").asText());
        assertThat(c.path("resources").path("memory_limit").asText()).isEqualTo("512m");
        assertThat(c.path("resources").path("cpu_limit").asText()).isEqualTo("0.5");
    }

    @Test
    void badInputIsRejectedWithTheFieldAndNothingIsCreated() {
        record Case(String body, String field) {
        }
        List<Case> cases = List.of(
                new Case("{\"image\": \"" + IMAGE + "\", \"resources\": {\"memory_limit\": \"12xyz\"}}", "resources.memory_limit"),
                new Case("{\"image\": \"" + IMAGE + "\", \"resources\": {\"cpu_limit\": \"lots\"}}", "resources.cpu_limit"),
                new Case("{\"env\": {}}", "image"),
                new Case("{\"image\": \"" + IMAGE + "\", \"ports\": {\"eighty\": 8080}}", "ports.eighty"),
                new Case("{\"image\": \"" + IMAGE + "\", \"ports\": {\"80/tcp\": 70000}}", "ports.80/tcp"),
                new Case("{\"image\": \"" + IMAGE + "\", \"env\": [\"A=1\"]}", "env"),
                new Case("{\"image\": ", "body"));
        for (Case c : cases) {
            ApiClient.Answer answer = post("/start/container", c.body());
            assertThat(answer.status()).as(c.body()).isEqualTo(422);
            assertThat(answer.json().path("error").asText()).isEqualTo("invalid");
            assertThat(answer.json().path("field").asText()).as(c.body()).isEqualTo(c.field());
            assertThat(answer.json().path("detail").get(0).path("loc").get(0).asText()).isEqualTo("body");
        }
        ApiClient.Answer missing = post("/start/container", "{\"image\": \"no-such-image:1\"}");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().path("detail").asText()).contains("no-such-image:1");
        assertThat(get("/containers").json().path("containers")).isEmpty();
    }

    @Test
    void startContainerWithReplicasStoresTheDesiredState() {
        JsonNode c = create("\"min_replicas\": 1, \"max_replicas\": 3, \"env\": {\"A\": \"1\"}, "
                + "\"resources\": {\"memory_limit\": \"128Mi\"}");
        assertThat(c.path("desired_state_saved").asBoolean()).isTrue();
        var desired = store.desired(IMAGE).orElseThrow();
        assertThat(desired.minReplicas()).isEqualTo(1);
        assertThat(desired.maxReplicas()).isEqualTo(3);
        assertThat(desired.env()).containsEntry("A", "1");
        assertThat(((Number) desired.resources().get("memory_limit")).longValue()).isEqualTo(128L * 1024 * 1024);
        ApiClient.Answer bad = post("/start/container", "{\"image\": \"" + IMAGE + "\", \"min_replicas\": 3, "
                + "\"max_replicas\": 1}");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().path("field").asText()).isEqualTo("min_replicas");
        assertThat(get("/containers").json().path("containers")).hasSize(1);
    }

    @Test
    void desiredStateRoutesSetScaleAndDeleteAnImagesReplicas() {
        String path = "/containers/" + encoded(IMAGE);
        ApiClient.Answer put = api.call("PUT", path + "/desired", admin, "{\"replicas\": 2, \"max_replicas\": 3, "
                + SLEEPER + ", \"env\": {\"ROLE\": \"worker\"}}");
        assertThat(put.status()).as(put.json().toString()).isEqualTo(201);
        assertThat(put.json().path("replicas").asInt()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(get(path + "/instances").json()
                .path("instances").findValuesAsText("status")).containsExactly("running", "running"));
        JsonNode desired = get(path + "/desired").json();
        assertThat(desired.path("running").asInt()).isEqualTo(2);
        assertThat(desired.path("env").path("ROLE").asText()).isEqualTo("worker");
        assertThat(get("/desired").json().findValuesAsText("image")).containsExactly(IMAGE);

        ApiClient.Answer scaled = post(path + "/scale", "{\"replicas\": 3}");
        assertThat(scaled.status()).as(scaled.json().toString()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(get(path + "/instances").json()
                .path("instances").findValuesAsText("status")).containsExactly("running", "running", "running"));
        ApiClient.Answer beyondMax = post("/start/container", "{\"image\": \"" + IMAGE + "\", " + SLEEPER + "}");
        assertThat(beyondMax.status()).as(beyondMax.json().toString()).isEqualTo(409);

        ApiClient.Answer deleted = api.call("DELETE", path + "/desired", admin, null);
        assertThat(deleted.status()).as(deleted.json().toString()).isEqualTo(200);
        assertThat(deleted.json().path("removed")).hasSize(3);
        assertThat(get(path + "/desired").status()).isEqualTo(404);
        assertThat(get("/containers").json().path("containers")).isEmpty();
        assertThat(store.desired(IMAGE)).isEmpty();
        ApiClient.Answer noDesired = post(path + "/scale", "{\"replicas\": 1}");
        assertThat(noDesired.status()).isEqualTo(404);
    }

    @Test
    void impossibleDesiredStatesAreRejectedWithTheFieldAndAReason() {
        record Case(String body, String field, String reason) {
        }
        String path = "/containers/" + encoded(IMAGE) + "/desired";
        List<Case> cases = List.of(
                new Case("{\"min_replicas\": 3, \"max_replicas\": 1}", "min_replicas", "greater than max_replicas"),
                new Case("{\"replicas\": -1}", "replicas", "negative"),
                new Case("{\"min_replicas\": -2}", "min_replicas", "negative"),
                new Case("{\"replicas\": 5, \"max_replicas\": 3}", "replicas", "between"),
                new Case("{\"resources\": {\"cpu_limit\": \"1000\"}}", "resources.cpu_limit", "CPUs"),
                new Case("{\"resources\": {\"memory_limit\": \"64Ti\"}}", "resources.memory_limit", "memory"),
                new Case("{\"max_replicas\": 3, \"ports\": {\"80/tcp\": 8080}}", "ports", "one replica"),
                new Case("{\"autoscale\": {\"target_cpu_percent\": 0}}", "autoscale.target_cpu_percent", "above 0"),
                new Case("{\"replica\": 2}", "replica", "unknown field"));
        for (Case c : cases) {
            ApiClient.Answer answer = api.call("PUT", path, admin, c.body());
            assertThat(answer.status()).as(c.body()).isEqualTo(422);
            assertThat(answer.json().path("field").asText()).as(c.body()).isEqualTo(c.field());
            assertThat(answer.json().path("message").asText()).as(c.body()).contains(c.reason());
        }
        ApiClient.Answer unknownImage = api.call("PUT", "/containers/no-such-image%3A1/desired", admin, "{}");
        assertThat(unknownImage.status()).isEqualTo(422);
        assertThat(unknownImage.json().path("field").asText()).isEqualTo("image");
        assertThat(store.listDesired()).isEmpty();
        assertThat(get("/containers").json().path("containers")).isEmpty();
    }

    @Test
    void memoryAndCpuStringsAreAcceptedInEveryForm() {
        assertThat(create("\"resources\": {\"cpu_limit\": 0.5, \"memory_limit\": \"512m\"}").path("memory_limit").asLong())
                .isEqualTo(512L * 1024 * 1024);
        assertThat(create("\"resources\": {\"cpu_limit\": \"500m\", \"memory_limit\": \"1Gi\"}").path("cpu_limit").asDouble())
                .isEqualTo(0.5);
    }

    @Test
    void aTakenHostPortIsAConflictAndLeavesNothingBehind() throws Exception {
        int port = freePort();
        create("\"ports\": {\"80/tcp\": " + port + "}");
        ApiClient.Answer clash = post("/start/container", "{\"image\": \"" + IMAGE + "\", " + SLEEPER
                + ", \"ports\": {\"80/tcp\": " + port + "}}");
        assertThat(clash.status()).isEqualTo(409);
        assertThat(clash.json().path("message").asText()).contains(String.valueOf(port));
        assertThat(engine.containers().list(ContainerFilter.allWithLabels(Map.of(Labels.MANAGED_BY, IMAGE)))).hasSize(1);

        ApiClient.Answer name = post("/start/container", "{\"image\": \"" + IMAGE + "\", " + SLEEPER + ", \"name\": \""
                + get("/containers").json().path("containers").get(0).path("name").asText() + "\"}");
        assertThat(name.status()).isEqualTo(409);
    }

    // ---- reading -----------------------------------------------------------------------------------------------------

    @Test
    void listingsShowManagedContainersOnly() {
        String outsider = outsider();
        JsonNode a = create("");
        JsonNode b = create("");
        JsonNode all = get("/containers").json().path("containers");
        assertThat(get("/containers").json().path("total").asInt()).isEqualTo(2);
        assertThat(all.findValuesAsText("id")).containsExactly(a.path("id").asText(), b.path("id").asText())
                .doesNotContain(outsider);
        assertThat(get("/containers/" + encoded(IMAGE) + "/instances").json().path("instances").findValuesAsText("id"))
                .containsExactly(a.path("id").asText(), b.path("id").asText());
        assertThat(get("/containers/instances?image=" + encoded(IMAGE)).json().path("instances")).hasSize(2);
        assertThat(get("/containers/" + encoded("other:1") + "/instances").json().path("instances")).isEmpty();
        JsonNode one = all.get(0);
        assertThat(one.path("host").asText()).isEqualTo(plane.host());
        assertThat(one.path("created").asText()).isNotEmpty();
    }

    @Test
    void imagesWithSlashesAndColonsAreAddressable() {
        String image = "local/tools:" + UUID.randomUUID().toString().substring(0, 6);
        engine.images().tag(IMAGE, image);
        try {
            ApiClient.Answer made = post("/start/container", "{\"image\": \"" + image + "\", " + SLEEPER + "}");
            assertThat(made.status()).isEqualTo(200);
            assertThat(get("/containers/" + encoded(image) + "/instances").json().path("instances")).hasSize(1);
            assertThat(get("/containers/" + image + "/instances").json().path("instances")).hasSize(1);
            ApiClient.Answer stopped = post("/containers/stop?timeout=0&image=" + encoded(image), null);
            assertThat(stopped.status()).isEqualTo(200);
            assertThat(stopped.json().path("results").get(0).path("status").asText()).isEqualTo("exited");
            ApiClient.Answer started = post("/containers/" + encoded(image) + "/start", null);
            assertThat(started.json().path("results").get(0).path("status").asText()).isEqualTo("running");
        } finally {
            RunImage.removeManaged(engine, image);
            engine.images().remove(image, false);
        }
    }

    @Test
    void healthOfAnInstanceIsLiveAndClassified() {
        String id = create("\"resources\": {\"memory_limit\": \"64Mi\"}").path("id").asText();
        JsonNode health = get("/containers/instances/" + id + "/health").json();
        assertThat(health.path("status").asText()).isEqualTo("healthy");
        assertThat(health.path("memory_limit").asLong()).isEqualTo(64L * 1024 * 1024);
        assertThat(health.path("memory_usage").asDouble()).isBetween(0.0, 75.0);
        assertThat(health.path("disk_usage").asDouble()).isBetween(0.0, 100.0);
        assertThat(health.path("disk_layer_bytes").isNumber()).isTrue();
        assertThat(health.path("history").isArray()).isTrue();

        post("/containers/" + id + "/stop?timeout=0", null);
        assertThat(get("/containers/instances/" + id + "/health").json().path("status").asText()).isEqualTo("stopped");
        assertThat(get("/containers/instances/nothing-here/health").status()).isEqualTo(404);
    }

    /**
     * A container with a known load: a busy loop under half a CPU, 16 MiB written to its /dev/shm (memory), 8 MiB to
     * its writable layer. Health and /system/resources must show those figures, within what the container's own
     * small use and the engine's sampling add. Reads answer from the last health cycle, so the test runs cycles.
     */
    @Test
    void aKnownLoadShowsInHealthAndSystemResources() {
        long mib = 1024 * 1024;
        ApiClient.Answer made = post("/start/container", "{\"image\": \"" + IMAGE + "\", \"command\": [\"sh\", \"-c\", "
                + "\"dd if=/dev/zero of=/dev/shm/fill bs=1M count=16 && dd if=/dev/zero of=/tmp/fill bs=1M count=8 "
                + "&& while :; do :; done\"], \"resources\": {\"cpu_limit\": \"0.5\", \"memory_limit\": \"64Mi\"}}");
        assertThat(made.status()).as(made.json().toString()).isEqualTo(200);
        String id = made.json().path("container_id").asText();
        String path = "/containers/instances/" + id + "/health";

        List<Double> cpu = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            plane.health().sampleOnce(); // a health cycle: reads show what the last cycle measured
            JsonNode health = get(path).json();
            cpu.add(health.path("cpu_usage").asDouble());
            assertThat(health.path("memory_limit").asLong()).isEqualTo(64 * mib);
            assertThat(health.path("memory_bytes").asLong()).as("16 MiB in /dev/shm")
                    .isBetween(16 * mib, 18 * mib);
            assertThat(health.path("memory_usage").asDouble()).as("percent of 64 MiB").isBetween(25.0, 28.2);
            assertThat(health.path("disk_layer_bytes").asLong()).as("8 MiB in /tmp").isBetween(8 * mib, 9 * mib);
            // half a CPU, less when the host is busy: at least one sample near it (figures per CPU of the host, or
            // not in percent, would stay below 30 on two cores)
            assertThat(cpu.getLast()).as("CPU %% of one core, samples %s", cpu).isBetween(30.0, 60.0);
        });
        assertThat(cpu).as("never above the limit of half a CPU").allSatisfy(c -> assertThat(c).isLessThanOrEqualTo(65.0));

        JsonNode docker = get("/system/resources").json().path("docker");
        assertThat(docker.path("running_containers").asInt()).isEqualTo(1);
        assertThat(docker.path("total_memory_usage_mb").asDouble()).isBetween(16.0, 18.0);
        assertThat(docker.path("total_cpu_usage_percent").asDouble()).isBetween(0.0, 65.0);
    }

    @Test
    void healthSamplesOfEveryManagedContainerAreRecordedAndShownAsHistory() {
        String running = create("\"resources\": {\"memory_limit\": \"64Mi\"}").path("id").asText();
        String stopped = create("").path("id").asText();
        post("/containers/" + stopped + "/stop?timeout=0", null);
        outsider();

        var samples = plane.health().sampleOnce();
        assertThat(samples).extracting(HealthSnapshot::containerId).containsExactlyInAnyOrder(running, stopped);
        assertThat(samples).allSatisfy(s -> {
            assertThat(s.id()).isPositive();
            assertThat(s.host()).isEqualTo(plane.host());
            assertThat(s.diskUsage()).isBetween(0.0, 100.0);
        });
        HealthSnapshot live = samples.stream().filter(s -> s.containerId().equals(running)).findFirst().orElseThrow();
        assertThat(live.status()).isEqualTo("healthy");
        assertThat(live.memoryUsage()).isBetween(0.0, 75.0);
        assertThat(samples.stream().filter(s -> s.containerId().equals(stopped)).findFirst().orElseThrow().status())
                .isEqualTo("stopped");

        assertThat(samples).allSatisfy(s -> assertThat(s.engineHealth()).isEqualTo("none"));
        assertThat(live.diskLayerBytes()).as("the writable layer, as the engine reports it").isNotNull().isNotNegative();

        plane.health().sampleOnce();
        JsonNode history = get("/containers/instances/" + running + "/health?history=5").json().path("history");
        assertThat(history).hasSize(2);
        assertThat(history.get(0).path("status").asText()).isEqualTo("healthy");
        assertThat(history.get(0).path("engine_health").asText()).isEqualTo("none");
        assertThat(get("/containers/instances/" + running + "/health?history=10m").json().path("history"))
                .as("a window of ten minutes").hasSize(2);
        assertThat(get("/containers/instances/" + running + "/health?history=1").json().path("history")).hasSize(1);
        ApiClient.Answer soon = get("/containers/instances/" + running + "/health?history=soon");
        assertThat(soon.status()).isEqualTo(422);
        assertThat(soon.json().path("detail").get(0).path("loc").toString()).isEqualTo("[\"query\",\"history\"]");
        JsonNode sampling = get("/health/detailed").json().path("health_sampling");
        assertThat(sampling.path("last_cycle_sampled").asInt()).isEqualTo(2);
        assertThat(sampling.path("last_cycle_ms").isIntegralNumber()).as("cycle time reported").isTrue();
        assertThat(sampling.path("last_cycle_ms").asLong()).isNotNegative();
    }

    @Test
    void systemRoutesDescribeTheEngineTheHostAndTheImages() {
        create("");
        JsonNode health = get("/health").json();
        assertThat(health.path("status").asText()).isEqualTo("OK");
        JsonNode detailed = get("/health/detailed").json();
        assertThat(detailed.path("engine").path("connected").asBoolean()).isTrue();
        assertThat(detailed.path("database").path("reachable").asBoolean()).isTrue();
        assertThat(detailed.path("managed").path("containers").asInt()).isEqualTo(1);
        JsonNode resources = get("/system/resources").json();
        assertThat(resources.path("cpu").path("count").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(resources.path("memory").path("total").asLong()).isPositive();
        assertThat(resources.path("disk").path("percent").asDouble()).isBetween(0.0, 100.0);
        JsonNode images = get("/images").json().path("engine_images");
        JsonNode busybox = null;
        for (JsonNode image : images) {
            if (image.path("tags").toString().contains(IMAGE)) {
                busybox = image;
            }
        }
        assertThat(busybox).isNotNull();
        assertThat(busybox.path("instances").asInt()).isEqualTo(1);
        assertThat(busybox.path("running").asInt()).isEqualTo(1);
    }

    @Test
    void everyServedRouteIsInTheOpenApiDocument() {
        JsonNode doc = get("/openapi.json").json();
        assertThat(doc.path("openapi").asText()).startsWith("3.");
        for (String endpoint : server.servedEndpoints()) {
            String method = endpoint.substring(0, endpoint.indexOf(' ')).toLowerCase();
            String path = endpoint.substring(endpoint.indexOf(' ') + 1).replace('<', '{').replace('>', '}');
            assertThat(doc.path("paths").path(path).has(method)).as(endpoint + " documented").isTrue();
        }
        assertThat(server.servedEndpoints()).hasSizeGreaterThanOrEqualTo(15);
    }

    /** Written out by hand from the route table of docs/control-plane.md, not taken from the code that serves them. */
    private static final List<String> ROUTES_USERS_CALL = List.of(
            "GET /health", "GET /health/detailed", "GET /test/integration", "GET /system/resources", "GET /images",
            "POST /start/container", "GET /containers", "GET /containers/{image}/instances",
            "GET /containers/instances/{id}/health", "POST /containers/{image}/start", "POST /containers/{image}/stop",
            "PUT /containers/{image}/resources", "GET /containers/{id}/logs", "GET /events", "DELETE /containers/{id}",
            "GET /desired", "GET /containers/{image}/desired", "PUT /containers/{image}/desired",
            "POST /containers/{image}/scale", "DELETE /containers/{image}/desired", "POST /registry/endpoints",
            "GET /registry/endpoints", "PUT /registry/endpoints/{endpoint_id}/status",
            "DELETE /registry/endpoints/{endpoint_id}", "POST /tokens", "GET /", "GET /session", "GET /events/stream",
            "GET /metrics", "GET /openapi.json");

    @Test
    void everyDocumentedRouteIsServed() {
        JsonNode paths = get("/openapi.json").json().path("paths");
        RouteProbe probe = new RouteProbe(server.url(), admin);
        List<String> documented = new ArrayList<>();
        paths.properties().forEach(path -> path.getValue().fieldNames().forEachRemaining(method ->
                documented.add(method.toUpperCase() + " " + path.getKey())));
        assertThat(documented).hasSizeGreaterThanOrEqualTo(ROUTES_USERS_CALL.size());
        for (String route : documented) {
            String[] parts = route.split(" ", 2);
            RouteProbe.Reply reply = probe.call(parts[0], parts[1]);
            assertThat(reply.served()).as("%s is documented, and answered %d %s", route, reply.status(), reply.body())
                    .isTrue();
        }
        // The probes ask about things that are not there: they change nothing (the engine is shared: other
        // managed containers may come and go meanwhile).
        assertThat(store.listDesired()).isEmpty();
        assertThat(get("/containers").json().path("containers").toString()).doesNotContain(RouteProbe.NOTHING);
        assertThat(get("/registry/endpoints").json().path("endpoints")).isEmpty();
    }

    @Test
    void theRoutesUsersCallAreDocumentedAndAnUndocumentedOneIsNotServed() {
        JsonNode paths = get("/openapi.json").json().path("paths");
        for (String route : ROUTES_USERS_CALL) {
            String[] parts = route.split(" ", 2);
            assertThat(paths.path(parts[1]).has(parts[0].toLowerCase())).as(route + " in /openapi.json").isTrue();
        }
        RouteProbe probe = new RouteProbe(server.url(), admin);
        assertThat(probe.call("PATCH", "/containers/{image}/desired").served()).isFalse();
        assertThat(probe.call("GET", "/containers/{image}/scale").served()).isFalse();
        assertThat(probe.call("DELETE", "/registry/endpoints").served()).isFalse();
    }

    @Test
    void unknownRoutesAnswerJson404() {
        ApiClient.Answer answer = get("/no/such/route");
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().path("ok").asBoolean(true)).isFalse();
    }

    // ---- changing ----------------------------------------------------------------------------------------------------

    @Test
    void stoppingAndStartingAnImageReportsEachContainer() {
        String a = create("").path("id").asText();
        String b = create("").path("id").asText();
        ApiClient.Answer stopped = post("/containers/" + encoded(IMAGE) + "/stop?timeout=0", null);
        assertThat(stopped.status()).isEqualTo(200);
        assertThat(stopped.json().path("results").findValuesAsText("id")).containsExactlyInAnyOrder(a, b);
        assertThat(engine.containers().inspect(a).isRunning()).isFalse();
        assertThat(engine.containers().inspect(b).isRunning()).isFalse();

        ApiClient.Answer started = post("/containers/" + encoded(IMAGE) + "/start", null);
        assertThat(started.status()).isEqualTo(200);
        assertThat(started.json().path("results").findValuesAsText("status")).containsOnly("running");
        assertThat(engine.containers().inspect(a).isRunning()).isTrue();

        ApiClient.Answer one = post("/containers/" + a + "/stop?timeout=0", null);
        assertThat(one.json().path("results")).hasSize(1);
        assertThat(engine.containers().inspect(b).isRunning()).isTrue();
    }

    @Test
    void aRequestWhereSomeContainersFailIsNotA200() throws Exception {
        int port = freePort();
        String clashing = create("\"ports\": {\"80/tcp\": " + port + "}").path("id").asText();
        String fine = create("").path("id").asText();
        post("/containers/" + encoded(IMAGE) + "/stop?timeout=0", null);
        String holder = outsider(port);

        ApiClient.Answer started = post("/containers/" + encoded(IMAGE) + "/start", null);
        assertThat(started.status()).isEqualTo(207);
        assertThat(started.json().path("ok").asBoolean()).isFalse();
        for (JsonNode r : started.json().path("results")) {
            if (r.path("id").asText().equals(clashing)) {
                assertThat(r.path("ok").asBoolean()).isFalse();
                assertThat(r.path("error").asText()).isEqualTo("conflict");
            } else {
                assertThat(r.path("id").asText()).isEqualTo(fine);
                assertThat(r.path("ok").asBoolean()).isTrue();
            }
        }
        ApiClient.Answer single = post("/containers/" + clashing + "/start", null);
        assertThat(single.status()).isEqualTo(409);
        assertThat(engine.containers().inspect(holder).isRunning()).isTrue();
    }

    private String outsider(int port) {
        String id = engine.containers().create(ContainerSpec.builder(IMAGE).command("sleep", "600")
                .port(io.capstan.core.spec.PortMapping.tcp(80, port)).build());
        engine.containers().start(id);
        outsiders.add(id);
        return id;
    }

    @Test
    void resourcesChangeLiveForEveryInstance() {
        String a = create("").path("id").asText();
        String b = create("").path("id").asText();
        ApiClient.Answer updated = api.call("PUT", "/containers/" + encoded(IMAGE) + "/resources", admin,
                "{\"cpu_limit\": \"0.25\", \"memory_limit\": \"256Mi\"}");
        assertThat(updated.status()).as(updated.json().toString()).isEqualTo(200);
        for (String id : List.of(a, b)) {
            ContainerInfo info = engine.containers().inspect(id);
            assertThat(info.isRunning()).isTrue();
            assertThat(info.resources().nanoCpus()).isEqualTo(250_000_000L);
            assertThat(info.resources().memoryBytes()).isEqualTo(256L * 1024 * 1024);
        }
        assertThat(get("/containers").json().path("containers").get(0).path("memory_limit").asLong())
                .isEqualTo(256L * 1024 * 1024);
        assertThat(updated.json().path("updated")).extracting(JsonNode::asText).containsExactlyInAnyOrder(a, b);
        ApiClient.Answer bad = api.call("PUT", "/containers/" + encoded(IMAGE) + "/resources", admin,
                "{\"memory_limit\": \"12xyz\"}");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().path("field").asText()).isEqualTo("body.memory_limit");
        assertThat(api.call("PUT", "/containers/" + encoded("none:1") + "/resources", admin, "{\"cpu_limit\": 1}")
                .status()).isEqualTo(404);
    }

    @Test
    void theCleanupAroundEachTestRemovesOnlyWhatTheTestMade() throws Exception {
        // Someone else's managed container on the same engine (another user's control plane, another test run).
        String bystander = engine.containers().create(ContainerSpec.builder(TestImages.BUSYBOX)
                .name("fix20-bystander-" + UUID.randomUUID().toString().substring(0, 8))
                .labels(Map.of(Labels.OWNER, "true", Labels.MANAGED_BY, "fix20-bystander:test"))
                .command("sleep", "600").build());
        try {
            String own = create("").path("id").asText();
            stopServer();
            startServer();
            assertThat(engine.containers().list(ContainerFilter.allWithLabels(Map.of(Labels.MANAGED_BY, IMAGE))))
                    .extracting(c -> c.id()).doesNotContain(own);
            assertThat(engine.containers().inspect(bystander).labels())
                    .containsEntry(Labels.MANAGED_BY, "fix20-bystander:test");
        } finally {
            engine.containers().remove(bystander, true, true);
        }
    }

    @Test
    void deleteRemovesManagedContainersAndRefusesRunningOnesWithoutForce() {
        String id = create("").path("id").asText();
        ApiClient.Answer refused = api.call("DELETE", "/containers/" + id, admin, null);
        assertThat(refused.status()).isEqualTo(409);
        ApiClient.Answer removed = api.call("DELETE", "/containers/" + id + "?force=true", admin, null);
        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.json().path("id").asText()).isEqualTo(id);
        assertThat(removed.json().path("container_id").asText()).isEqualTo(id);
        assertThat(removed.json().path("deleted").asBoolean()).isTrue();
        assertThat(engine.containers().list(ContainerFilter.allWithLabels(Map.of(Labels.MANAGED_BY, IMAGE)))).isEmpty();
        ApiClient.Answer again = api.call("DELETE", "/containers/" + id, admin, null);
        assertThat(again.status()).isEqualTo(404);
        assertThat(again.json().path("error").asText()).isEqualTo("not-found");
        assertThat(again.json().path("id").asText()).isEqualTo(id);
    }

    @Test
    void containersThisControlPlaneDidNotCreateCannotBeTouched() {
        String outsider = outsider();
        for (var call : List.of(new String[]{"DELETE", "/containers/" + outsider + "?force=true"},
                new String[]{"POST", "/containers/" + outsider + "/stop?timeout=0"},
                new String[]{"GET", "/containers/instances/" + outsider + "/health"})) {
            ApiClient.Answer answer = api.call(call[0], call[1], admin, null);
            assertThat(answer.status()).as(call[0] + " " + call[1]).isEqualTo(404);
            assertThat(answer.json().path("ok").asBoolean(true)).isFalse();
            assertThat(answer.json().path("error").asText()).isEqualTo("not-found");
        }
        assertThat(engine.containers().inspect(outsider).isRunning()).isTrue();
    }

    // ---- tokens ------------------------------------------------------------------------------------------------------

    @Test
    void aRunningServerDropsARevokedTokenAndARotatedAdminToken() throws Exception {
        String readOnly = Tokens.createReadOnly(dataDir);
        assertThat(api.call("DELETE", "/containers/x", readOnly, null).status()).isEqualTo(403);
        String id = Tokens.list(dataDir).stream().filter(t -> t.role() == Tokens.Role.READ_ONLY)
                .findFirst().orElseThrow().id();
        Tokens.revoke(dataDir, id);
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50))
                .until(() -> api.call("DELETE", "/containers/x", readOnly, null).status() == 401);

        Tokens.rotateAdmin(dataDir);
        String rotated = Files.readString(tokens.adminFile()).strip();
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50))
                .until(() -> api.call("POST", "/tokens", admin, null).status() == 401);
        assertThat(api.call("POST", "/tokens", rotated, null).status()).isEqualTo(201);
    }

    @Test
    void stateChangingRequestsNeedTheAdminToken() throws Exception {
        String body = "{\"image\": \"" + IMAGE + "\"}";
        assertThat(api.call("POST", "/start/container", null, body).status()).isEqualTo(401);
        assertThat(api.call("POST", "/start/container", "cap_wrong", body).status()).isEqualTo(401);
        assertThat(api.call("DELETE", "/containers/x", null, null).status()).isEqualTo(401);
        String readOnly = Tokens.createReadOnly(dataDir);
        assertThat(api.call("POST", "/start/container", readOnly, body).status()).isEqualTo(403);
        assertThat(api.call("GET", "/containers", readOnly, null).status()).isEqualTo(200);
        assertThat(get("/containers").json().path("containers")).isEmpty();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokens.adminFile()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve(Tokens.TOKENS_FILE))))
                .isEqualTo("rw-------");
        assertThat(Files.readString(dataDir.resolve(Tokens.TOKENS_FILE))).doesNotContain(readOnly);

        assertThat(api.call("POST", "/tokens", readOnly, null).status()).isEqualTo(403);
        ApiClient.Answer made = api.call("POST", "/tokens", admin, null);
        assertThat(made.status()).isEqualTo(201);
        String viaApi = made.json().path("token").asText();
        assertThat(api.call("GET", "/containers", viaApi, null).status()).isEqualTo(200);
        assertThat(api.call("DELETE", "/containers/x", viaApi, null).status()).isEqualTo(403);
    }

    @Test
    void readsNeedATokenWhenTheServerSaysSo() {
        stopPlane();
        plane = ControlPlane.start(engine, store);
        server = ApiServer.start(plane, tokens, new ServerOptions("127.0.0.1", 0, dataDir, true), "test");
        api = new ApiClient(server.url());
        assertThat(api.call("GET", "/containers", null, null).status()).isEqualTo(401);
        assertThat(api.call("GET", "/containers", Tokens.createReadOnly(dataDir), null).status()).isEqualTo(200);
    }

    // ---- events ------------------------------------------------------------------------------------------------------

    @Test
    void everyLifecycleChangeIsOneEventIncludingDockerKillFromOutside() throws Exception {
        String id = create("").path("id").asText();
        post("/containers/" + id + "/stop?timeout=0", null);
        post("/containers/" + id + "/start", null);
        new ProcessBuilder("docker", "kill", id).inheritIO().start().waitFor();
        await().atMost(Duration.ofSeconds(10)).until(() -> !get("/containers").json().path("containers").get(0)
                .path("status").asText().equals("running"));
        api.call("DELETE", "/containers/" + id, admin, null);

        List<EventRecord> events = eventsOf(id, 6);
        assertThat(events).extracting(EventRecord::event)
                .containsExactly("create", "start", "stop", "start", "stop", "remove");
        assertThat(events.get(4).status()).isEqualTo("exited (137)");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.image()).isEqualTo(IMAGE);
            assertThat(e.host()).isEqualTo(plane.host());
        });
        assertThat(get("/containers").json().path("containers")).isEmpty();
    }

    @Test
    void aRestartedServerShowsTheSameContainersAndHistory() throws Exception {
        String kept = create("").path("id").asText();
        String stoppedWhileDown = create("").path("id").asText();
        List<EventRecord> before = eventsOf(kept, 2);
        eventsOf(stoppedWhileDown, 2);
        stopPlane();
        engine.containers().stop(stoppedWhileDown, Duration.ZERO);
        store.close();
        store = reopenStore();
        startPlane();

        assertThat(get("/containers").json().path("containers").findValuesAsText("id"))
                .containsExactly(kept, stoppedWhileDown);
        assertThat(eventsOf(stoppedWhileDown, 3)).extracting(EventRecord::event).containsExactly("create", "start", "stop");
        assertThat(get("/containers/instances/" + stoppedWhileDown + "/health").json().path("status").asText())
                .isEqualTo("stopped");
        assertThat(eventsOf(kept, 2)).isEqualTo(before);
    }
}
