package io.capstan.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.control.ControlPlane;
import io.capstan.core.engine.ContainerFilter;
import io.capstan.core.error.ConfigException;
import io.capstan.core.label.Labels;
import io.capstan.core.model.ContainerInfo;
import io.capstan.core.model.ContainerSummary;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The reference control plane's wire format (docs/control-plane.md): requests sent as its
 * clients send them (a UI, a load balancer, a billing job, its own API tests), answers checked key by key — status
 * codes, key sets, types and nesting — and Capstan's correct behaviour where the reference is wrong. On each
 * database, as the rest of the contract.
 */
abstract class ReferenceWireContract extends LogsAndEventsContract {
    private static final String HEX64 = "[0-9a-f]{64}";
    /** The reference's clients send no command; the test image needs one to keep running. */
    private static final String SLEEP = "\"command\": [\"sleep\", \"600\"]";

    /** A reference client's StartBody. */
    private static String startBody(String image, String extra) {
        return "{\"image\": \"" + image + "\", \"image_url\": \"docker.io/library/" + image + "\", "
                + "\"min_replicas\": 1, \"max_replicas\": 5, "
                + "\"resources\": {\"cpu\": \"0.25\", \"memory\": \"64m\", \"disk\": \"1g\"}, "
                + "\"env\": {\"ROLE\": \"web\"}, \"ports\": [{\"container\": 80, \"host\": 0}], " + SLEEP
                + (extra.isEmpty() ? "" : ", " + extra) + "}";
    }

    private ApiClient.Answer noToken(String method, String path, String body) {
        return api.call(method, path, null, body);
    }

    private List<ContainerSummary> onEngine(String image) {
        return engine.containers().list(ContainerFilter.allWithLabels(Map.of(Labels.MANAGED_BY, image)));
    }

    private static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static void hasTwoDecimalsAtMost(JsonNode number) {
        assertThat(number.isNumber()).as(number + " is a number").isTrue();
        assertThat(number.decimalValue().stripTrailingZeros().scale()).as(number.toString()).isLessThanOrEqualTo(2);
    }

    // ---- starting --------------------------------------------------------------------------------------------------

    @Test
    void aReferenceStartBodyStartsCountContainersAndAnswersItsKeys() {
        ApiClient.Answer started = post("/start/container", startBody(IMAGE, "\"count\": 3"));
        assertThat(started.status()).as(started.json().toString()).isEqualTo(200);
        JsonNode a = started.json();
        assertThat(keys(a)).contains("ok", "action", "image", "container_id", "name", "status", "ports",
                "desired_state_saved");
        assertThat(a.path("ok").isBoolean() && a.path("ok").asBoolean()).isTrue();
        assertThat(a.path("action").asText()).isEqualTo("created");
        assertThat(a.path("image").asText()).isEqualTo(IMAGE);
        assertThat(a.path("container_id").asText()).matches(HEX64);
        assertThat(a.path("status").asText()).isEqualTo("running");
        assertThat(a.path("ports").path("80/tcp").isInt()).isTrue();
        assertThat(a.path("desired_state_saved").asBoolean()).isTrue();
        assertThat(a.path("container_ids")).hasSize(3);

        List<ContainerSummary> made = onEngine(IMAGE);
        assertThat(made).as("count is honoured").hasSize(3);
        ContainerInfo info = engine.containers().inspect(a.path("container_id").asText());
        assertThat(info.name()).isEqualTo(a.path("name").asText());
        assertThat(info.resources().nanoCpus()).isEqualTo(250_000_000L);
        assertThat(info.resources().memoryBytes()).isEqualTo(64L << 20);
        assertThat(info.environment()).containsEntry("ROLE", "web");
        assertThat(info.ports().getFirst().hostPort()).isEqualTo(a.path("ports").path("80/tcp").asInt());
        var desired = store.desired(IMAGE).orElseThrow();
        assertThat(desired.replicas()).isEqualTo(3);
        assertThat(desired.maxReplicas()).isEqualTo(5);

        JsonNode listing = get("/containers").json();
        assertThat(keys(listing)).contains("containers", "total");
        assertThat(listing.path("total").asInt()).isEqualTo(3);
        for (JsonNode c : listing.path("containers")) {
            assertThat(keys(c)).contains("id", "name", "image", "status", "ports", "created_at", "resources");
            assertThat(c.path("id").asText()).matches(HEX64);
            assertThat(c.path("status").asText()).isEqualTo("running");
            assertThat(c.path("ports").path("80/tcp").isInt()).isTrue();
            assertThat(OffsetDateTime.parse(c.path("created_at").asText())).isNotNull();
            assertThat(c.path("resources").path("cpu_limit").asText()).isEqualTo("0.25");
            assertThat(c.path("resources").path("memory_limit").asText()).isEqualTo("64m");
        }

        JsonNode instances = get("/containers/" + encoded(IMAGE) + "/instances").json();
        assertThat(keys(instances)).contains("instances");
        assertThat(instances.path("instances")).hasSize(3).allSatisfy(i -> {
            assertThat(keys(i)).contains("id", "status", "endpoint", "resources");
            assertThat(i.path("status").asText()).isEqualTo("running");
            assertThat(i.path("endpoint").asText()).isEqualTo("http://localhost:" + i.path("ports").path("80/tcp").asInt());
        });
        assertThat(get("/containers/" + encoded("nothing:here") + "/instances").json().path("instances"))
                .as("an unknown image has no instances").isEmpty();

        JsonNode images = get("/images").json();
        assertThat(keys(images)).contains("images");
        JsonNode image = images.path("images").get(0);
        assertThat(keys(image)).contains("image", "min_replicas", "max_replicas", "resources", "env", "ports",
                "current_running", "total_instances");
        assertThat(image.path("image").asText()).isEqualTo(IMAGE);
        assertThat(image.path("current_running").asInt()).isEqualTo(3);
        assertThat(image.path("total_instances").asInt()).isEqualTo(3);
        assertThat(image.path("resources").path("memory").asText()).isEqualTo("64m");
        assertThat(image.path("ports").get(0).path("container").asInt()).isEqualTo(80);

        String id = a.path("container_id").asText();
        JsonNode health = get("/containers/instances/" + id + "/health").json();
        assertThat(keys(health)).contains("cpu_usage", "memory_usage", "disk_usage", "status");
        assertThat(health.path("status").asText()).isIn("healthy", "warning", "critical");
        hasTwoDecimalsAtMost(health.path("cpu_usage"));
        hasTwoDecimalsAtMost(health.path("memory_usage"));
        hasTwoDecimalsAtMost(health.path("disk_usage"));
        ApiClient.Answer unknown = get("/containers/instances/nope/health");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("detail").asText()).isEqualTo("Instance 'nope' not found");
    }

    @Test
    void withoutPortsEveryExposedPortIsPublishedOnAFreeHostPort() throws Exception {
        String image = "capstan-exposing:" + UUID.randomUUID().toString().substring(0, 6);
        Process build = new ProcessBuilder("docker", "build", "-q", "-t", image, "-").redirectErrorStream(true).start();
        build.getOutputStream().write(("FROM " + IMAGE + "\nEXPOSE 8080\n").getBytes(StandardCharsets.UTF_8));
        build.getOutputStream().close();
        String output = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(build.waitFor()).as(output).isZero();
        try {
            ApiClient.Answer started = post("/start/container", "{\"image\": \"" + image + "\", \"image_url\": \"\", "
                    + "\"resources\": {\"cpu\": \"0.1\", \"memory\": \"32m\", \"disk\": \"1g\"}, " + SLEEP + "}");
            assertThat(started.status()).as(started.json().toString()).isEqualTo(200);
            assertThat(started.json().path("ports").path("8080/tcp").asInt()).isPositive();
            JsonNode instance = get("/containers/" + encoded(image) + "/instances").json().path("instances").get(0);
            assertThat(instance.path("endpoint").asText()).startsWith("http://localhost:");
            assertThat(instance.path("resources").path("cpu_limit").asText()).isEqualTo("0.1");
        } finally {
            onEngine(image).forEach(c -> engine.containers().remove(c.id(), true, true));
            engine.images().remove(image, true);
        }
    }

    @Test
    void startOnAnImageAppliesTheWholeBodyAndAnUnknownRefCreatesNothing() {
        String body = "{\"image\": \"" + IMAGE + "\", \"image_url\": \"\", \"resources\": {\"cpu\": \"0.5\", "
                + "\"memory\": \"128m\", \"disk\": \"1g\"}, \"env\": {\"A\": \"1\"}, "
                + "\"ports\": [{\"container\": 80, \"host\": 0}], \"count\": 2, " + SLEEP + "}";
        ApiClient.Answer started = post("/containers/" + encoded(IMAGE) + "/start", body);
        assertThat(started.status()).as(started.json().toString()).isEqualTo(200);
        assertThat(keys(started.json())).contains("started");
        assertThat(started.json().path("started")).hasSize(2);
        for (JsonNode id : started.json().path("started")) {
            ContainerInfo info = engine.containers().inspect(id.asText());
            assertThat(info.isRunning()).isTrue();
            assertThat(info.environment()).containsEntry("A", "1");
            assertThat(info.resources().nanoCpus()).isEqualTo(500_000_000L);
            assertThat(info.resources().memoryBytes()).isEqualTo(128L << 20);
            assertThat(info.ports().getFirst().containerPort()).isEqualTo(80);
        }

        ApiClient.Answer unknown = post("/containers/" + encoded("no-such-image:1") + "/start", body);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("detail").asText()).contains("neither a managed container nor an image");
        ApiClient.Answer unknownNoBody = post("/containers/" + encoded("no-such-image:1") + "/start", null);
        assertThat(unknownNoBody.status()).isEqualTo(404);
        assertThat(onEngine("no-such-image:1")).isEmpty();

        // Without a body, as the reference's own tests clean up: every managed container of the image stops.
        ApiClient.Answer stopped = post("/containers/" + encoded(IMAGE) + "/stop?timeout=0", null);
        assertThat(stopped.status()).as(stopped.json().toString()).isEqualTo(200);
        assertThat(stopped.json().path("stopped").asBoolean()).isTrue();
        assertThat(onEngine(IMAGE)).hasSize(2).allSatisfy(c -> assertThat(engine.containers().inspect(c.id())
                .isRunning()).isFalse());
    }

    // ---- intent: what a request asks is not undone ------------------------------------------------------------------

    @Test
    void stoppingAndDeletingReplicasAsTheReferenceClientsDoLowersTheDesiredCount() {
        ApiClient.Answer started = post("/start/container", startBody(IMAGE, "\"count\": 2"));
        assertThat(started.status()).as(started.json().toString()).isEqualTo(200);
        String first = started.json().path("container_ids").get(0).asText();
        String second = started.json().path("container_ids").get(1).asText();

        ApiClient.Answer stopped = post("/containers/" + encoded(IMAGE) + "/stop?timeout=0",
                "{\"instanceId\": \"" + first + "\"}");
        assertThat(stopped.status()).as(stopped.json().toString()).isEqualTo(200);
        assertThat(stopped.json().path("stopped").asBoolean()).isTrue();
        assertThat(stopped.json().path("desired_replicas").asInt()).isEqualTo(1);
        // The reconciler does not undo it: it stays stopped, and nothing replaces it.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(engine.containers().inspect(first).isRunning()).isFalse();
            assertThat(onEngine(IMAGE)).hasSize(2);
        });
        assertThat(get("/containers/instances/" + first + "/health").json().path("status").asText()).isEqualTo("stopped");

        ApiClient.Answer again = post("/containers/" + first + "/start", null);
        assertThat(again.status()).as(again.json().toString()).isEqualTo(200);
        assertThat(again.json().path("started")).extracting(JsonNode::asText).containsExactly(first);
        assertThat(again.json().path("desired_replicas").asInt()).isEqualTo(2);
        assertThat(engine.containers().inspect(first).isRunning()).isTrue();

        ApiClient.Answer deleted = api.call("DELETE", "/containers/" + second + "?force=true", admin, null);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(keys(deleted.json())).contains("deleted", "container_id", "name");
        assertThat(deleted.json().path("deleted").asBoolean()).isTrue();
        assertThat(deleted.json().path("container_id").asText()).isEqualTo(second);
        assertThat(deleted.json().path("desired_replicas").asInt()).isEqualTo(1);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(onEngine(IMAGE)).extracting(ContainerSummary::id).containsExactly(first));

        // Stopping everything: the count goes to 0, never below.
        for (int i = 0; i < 2; i++) {
            ApiClient.Answer all = post("/containers/" + encoded(IMAGE) + "/stop?timeout=0", null);
            assertThat(all.status()).isEqualTo(200);
            assertThat(all.json().path("desired_replicas").asInt()).isZero();
        }
        assertThat(store.desired(IMAGE).orElseThrow().replicas()).isZero();
        assertThat(engine.containers().inspect(first).isRunning()).isFalse();
        ApiClient.Answer removed = api.call("DELETE", "/containers/" + first, admin, null);
        assertThat(removed.json().path("desired_replicas").asInt()).isZero();
        assertThat(onEngine(IMAGE)).isEmpty();
    }

    // ---- errors ----------------------------------------------------------------------------------------------------

    @Test
    void invalidAndMalformedBodiesAre422WithDetailAndEveryErrorHasDetail() {
        ApiClient.Answer malformed = post("/start/container", "{\"image\": ");
        assertThat(malformed.status()).isEqualTo(422);
        assertThat(malformed.json().path("detail").isArray()).isTrue();
        JsonNode problem = malformed.json().path("detail").get(0);
        assertThat(keys(problem)).contains("loc", "msg", "type");
        assertThat(problem.path("type").asText()).isEqualTo("json_invalid");

        for (String body : List.of(
                "{\"image\": \"" + IMAGE + "\", \"image_url\": \"\", \"resources\": {\"cpu\": 0.5, \"memory\": \"64m\"}}",
                "{\"image\": \"" + IMAGE + "\", \"resources\": {\"cpu\": \"0.5\", \"memory\": \"lots\"}}",
                "{\"image\": \"" + IMAGE + "\", \"ports\": [{\"container\": \"eighty\", \"host\": 8080}]}",
                "{\"image\": \"" + IMAGE + "\", \"ports\": [{\"container\": 80, \"host\": 70000}]}",
                "{\"image\": \"" + IMAGE + "\", \"count\": 0}",
                "{\"image_url\": \"x\", \"resources\": {\"cpu\": \"0.5\", \"memory\": \"64m\", \"disk\": \"1g\"}}")) {
            ApiClient.Answer answer = post("/start/container", body);
            assertThat(answer.status()).as(body).isEqualTo(422);
            JsonNode detail = answer.json().path("detail");
            assertThat(detail.isArray()).as(body).isTrue();
            assertThat(detail.get(0).path("loc").get(0).asText()).isEqualTo("body");
            assertThat(detail.get(0).path("msg").asText()).isNotBlank();
        }
        assertThat(onEngine(IMAGE)).as("nothing created").isEmpty();

        for (ApiClient.Answer error : List.of(
                api.call("DELETE", "/containers/no-such-container", admin, null),
                post("/containers/" + encoded(IMAGE) + "/stop", "{\"instanceId\": \"no-such-container\"}"),
                get("/no/such/route"),
                noToken("POST", "/start/container", "{}"),
                api.call("PUT", "/registry/endpoints/x/status?status=UP", admin, null))) {
            assertThat(error.status()).isGreaterThanOrEqualTo(400);
            assertThat(error.json().path("detail").isTextual()).as(error.json().toString()).isTrue();
        }
        String running = post("/start/container", "{\"image\": \"" + IMAGE + "\", " + SLEEP + "}").json()
                .path("container_id").asText();
        ApiClient.Answer refused = api.call("DELETE", "/containers/" + running + "?force=false", admin, null);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("detail").asText()).isNotBlank();
    }

    // ---- registry and the system routes ----------------------------------------------------------------------------

    @Test
    void registryEndpointsAreUpsertedMarkedAndRemovedAndKeptAcrossRestarts() {
        ApiClient.Answer made = post("/registry/endpoints", "{\"id\": \"web-1\", \"image_id\": \"nginx:alpine\", "
                + "\"host\": \"127.0.0.1\", \"port\": 8081, \"caps\": {\"cpu\": 2, \"mem\": 4096}}");
        assertThat(made.status()).as(made.json().toString()).isEqualTo(200);
        JsonNode e = made.json();
        assertThat(keys(e)).contains("id", "image_id", "host", "port", "caps", "status", "last_heartbeat");
        assertThat(e.path("status").asText()).isEqualTo("UP");
        assertThat(e.path("port").asInt()).isEqualTo(8081);
        assertThat(e.path("caps").path("mem").asInt()).isEqualTo(4096);
        Instant first = Instant.parse(e.path("last_heartbeat").asText());

        ApiClient.Answer replaced = post("/registry/endpoints", "{\"id\": \"web-1\", \"image_id\": \"nginx:alpine\", "
                + "\"host\": \"127.0.0.1\", \"port\": 8082}");
        assertThat(replaced.json().path("port").asInt()).isEqualTo(8082);
        assertThat(replaced.json().path("caps").isNull()).isTrue();
        for (String bad : List.of("{\"id\": \"w\", \"image_id\": \"i\", \"host\": \"h\", \"port\": 70000}",
                "{\"id\": \"w\", \"image_id\": \"i\", \"host\": \"h\"}", "{\"id\": \"w\", \"port\": 80, \"host\": \"h\"}")) {
            ApiClient.Answer answer = post("/registry/endpoints", bad);
            assertThat(answer.status()).as(bad).isEqualTo(422);
            assertThat(answer.json().path("detail").isArray()).isTrue();
        }

        ApiClient.Answer down = api.call("PUT", "/registry/endpoints/web-1/status?status=DOWN", admin, null);
        assertThat(down.status()).isEqualTo(200);
        assertThat(down.json().path("status").asText()).isEqualTo("DOWN");
        assertThat(Instant.parse(down.json().path("last_heartbeat").asText())).isAfterOrEqualTo(first);
        assertThat(api.call("PUT", "/registry/endpoints/web-1/status?status=SIDEWAYS", admin, null).status())
                .isEqualTo(422);
        assertThat(api.call("PUT", "/registry/endpoints/web-1/status", admin, null).status()).isEqualTo(422);
        ApiClient.Answer missing = api.call("PUT", "/registry/endpoints/nope/status?status=UP", admin, null);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().path("detail").asText()).isEqualTo("Endpoint 'nope' not found");

        stopPlane();
        store.close();
        store = reopenStore();
        startPlane();
        JsonNode kept = get("/registry/endpoints").json().path("endpoints");
        assertThat(kept).hasSize(1);
        assertThat(kept.get(0).path("status").asText()).isEqualTo("DOWN");
        assertThat(kept.get(0).path("port").asInt()).isEqualTo(8082);

        ApiClient.Answer deleted = api.call("DELETE", "/registry/endpoints/web-1", admin, null);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.json().path("ok").asBoolean()).isTrue();
        ApiClient.Answer gone = api.call("DELETE", "/registry/endpoints/web-1", admin, null);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.json().path("detail").asText()).isEqualTo("Endpoint 'web-1' not found");
    }

    @Test
    void systemRoutesAnswerTheReferenceShapes() {
        post("/start/container", "{\"image\": \"" + IMAGE + "\", \"resources\": {\"memory\": \"64m\"}, " + SLEEP + "}");
        JsonNode health = get("/health").json();
        assertThat(health.path("status").asText()).isEqualTo("OK");

        JsonNode detailed = get("/health/detailed").json();
        assertThat(detailed.path("status").asText()).isIn("OK", "DEGRADED");
        assertThat(OffsetDateTime.parse(detailed.path("timestamp").asText())).isNotNull();
        JsonNode components = detailed.path("components");
        assertThat(keys(components)).contains("docker", "postgresql", "container_manager", "system_resources");
        components.forEach(c -> {
            assertThat(keys(c)).contains("status", "message");
            assertThat(c.path("status").asText()).isIn("OK", "WARNING", "ERROR");
        });
        assertThat(components.path("docker").path("status").asText()).isEqualTo("OK");
        assertThat(components.path("system_resources").path("cpu_usage").asText()).matches("\\d+\\.\\d%");
        assertThat(components.path("system_resources").path("memory_usage").asText()).matches("\\d+\\.\\d%");

        JsonNode test = get("/test/integration").json();
        assertThat(keys(test)).contains("timestamp", "tests", "overall_status");
        assertThat(keys(test.path("tests"))).contains("docker_connection", "container_listing", "postgresql",
                "system_resources", "health_monitoring");
        test.path("tests").forEach(t -> assertThat(t.path("status").asText()).isIn("PASS", "FAIL", "WARNING"));
        assertThat(test.path("tests").path("docker_connection").path("status").asText()).isEqualTo("PASS");
        assertThat(test.path("tests").path("postgresql").path("status").asText()).isEqualTo("PASS");
        assertThat(test.path("overall_status").asText()).isEqualTo("PASSED");

        JsonNode resources = get("/system/resources").json();
        JsonNode system = resources.path("system");
        assertThat(keys(system.path("cpu"))).contains("total_cores", "current_usage_percent", "available_cores");
        assertThat(keys(system.path("memory"))).contains("total_gb", "available_gb", "usage_percent");
        assertThat(keys(system.path("disk"))).contains("total_gb", "free_gb", "usage_percent");
        assertThat(system.path("cpu").path("total_cores").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(system.path("memory").path("total_gb").asDouble()).isPositive();
        JsonNode docker = resources.path("docker");
        assertThat(keys(docker)).contains("managed_containers", "running_containers", "total_cpu_usage_percent",
                "total_memory_usage_mb", "average_cpu_per_container", "average_memory_per_container_mb");
        assertThat(docker.path("managed_containers").asInt()).isEqualTo(1);
        assertThat(docker.path("running_containers").asInt()).isEqualTo(1);
        assertThat(docker.path("total_memory_usage_mb").asDouble()).as("measured, not estimated").isBetween(0.0, 64.0);

        JsonNode doc = get("/openapi.json").json();
        assertThat(doc.path("paths").has("/registry/endpoints")).isTrue();
        assertThat(doc.path("paths").has("/test/integration")).isTrue();
    }

    // ---- no tokens -------------------------------------------------------------------------------------------------

    @Test
    void withNoAuthOnLoopbackStateChangesNeedNoTokenAndElsewhereItIsRefused() {
        stopPlane();
        plane = ControlPlane.start(engine, store);
        assertThatThrownBy(() -> ApiServer.start(plane, tokens, new ServerOptions("0.0.0.0", 0, dataDir, false, true),
                "test")).isInstanceOf(ConfigException.class).hasMessageContaining("loopback");
        server = ApiServer.start(plane, tokens, new ServerOptions("127.0.0.1", 0, dataDir, false, true), "test");
        api = new ApiClient(server.url());
        ApiClient.Answer started = noToken("POST", "/start/container", startBody(IMAGE, ""));
        assertThat(started.status()).as(started.json().toString()).isEqualTo(200);
        String id = started.json().path("container_id").asText();
        assertThat(noToken("POST", "/containers/" + encoded(IMAGE) + "/stop?timeout=0",
                "{\"instanceId\": \"" + id + "\"}").status()).isEqualTo(200);
        assertThat(noToken("DELETE", "/containers/" + id, null).status()).isEqualTo(200);
        assertThat(noToken("POST", "/registry/endpoints", "{\"id\": \"a\", \"image_id\": \"b\", \"host\": \"c\", "
                + "\"port\": 1}").status()).isEqualTo(200);
    }
}
