package io.capstan.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.control.ControlPlane;
import io.capstan.control.managed.ManagedState;
import io.capstan.core.model.ContainerInfo;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Requests the control plane refuses cleanly — nothing stored, nothing changed on the engine — and starts that follow
 * an image's desired state; and a server that answers 503 until its control plane runs. On each database.
 */
abstract class StrictRequestsContract extends ControlPlaneApiContract {
    private static final String SLEEP = "\"command\": [\"sleep\", \"600\"]";

    @Test
    void limitsTheHostCannotGiveAreRefusedAndNeitherStoredNorApplied() {
        String path = "/containers/" + encoded(IMAGE);
        ApiClient.Answer put = api.call("PUT", path + "/desired", admin, "{\"replicas\": 1, " + SLEEP
                + ", \"resources\": {\"cpu_limit\": \"0.5\"}}");
        assertThat(put.status()).as(put.json().toString()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(20)).until(() -> plane.containers().instances(IMAGE).stream()
                .anyMatch(c -> c.isRunning()));
        String id = plane.containers().instances(IMAGE).getFirst().id();

        ApiClient.Answer refused = api.call("PUT", path + "/resources", admin, "{\"cpu_limit\": 64}");
        assertThat(refused.status()).as(refused.json().toString()).isEqualTo(422);
        assertThat(refused.json().path("field").asText()).isEqualTo("body.cpu_limit");
        assertThat(refused.json().path("message").asText()).contains("CPUs", "64");
        ApiClient.Answer tiny = api.call("PUT", path + "/resources", admin, "{\"resources\": {\"memory_limit\": \"1m\"}}");
        assertThat(tiny.status()).as(tiny.json().toString()).isEqualTo(422);
        assertThat(tiny.json().path("field").asText()).isEqualTo("resources.memory_limit");

        assertThat(store.desired(IMAGE).orElseThrow().resources()).containsEntry("cpu_limit", "0.5")
                .doesNotContainKey("memory_limit");
        ContainerInfo info = engine.containers().inspect(id);
        assertThat(info.resources().nanoCpus()).isEqualTo(500_000_000L);
        assertThat(info.isRunning()).isTrue();
        assertThat(plane.containers().instances(IMAGE)).extracting(c -> c.id()).containsExactly(id);
    }

    @Test
    void theEnginesRefusalsNameTheContainerNotItsId() {
        JsonNode c = create("");
        String id = c.path("id").asText();
        ApiClient.Answer running = api.call("DELETE", "/containers/" + id, admin, null);
        assertThat(running.status()).isEqualTo(409);
        assertThat(running.json().path("detail").asText()).contains("'" + c.path("name").asText() + "'")
                .doesNotContain(id);
    }

    @Test
    void unknownStartFieldsAre422NamingTheFieldAndNothingIsCreated() {
        ApiClient.Answer answer = post("/start/container", "{\"imagee\": \"" + IMAGE + "\", " + SLEEP + "}");
        assertThat(answer.status()).as(answer.json().toString()).isEqualTo(422);
        JsonNode problem = answer.json().path("detail").get(0);
        assertThat(problem.path("loc")).extracting(JsonNode::asText).containsExactly("body", "imagee");
        assertThat(problem.path("type").asText()).isEqualTo("extra_forbidden");
        assertThat(problem.path("msg").asText()).contains("unknown field 'imagee'");
        assertThat(answer.json().path("field").asText()).isEqualTo("imagee");
        ApiClient.Answer onPath = post("/containers/" + encoded(IMAGE) + "/start", "{\"cout\": 2}");
        assertThat(onPath.status()).isEqualTo(422);
        assertThat(onPath.json().path("field").asText()).isEqualTo("cout");
        assertThat(get("/containers").json().path("containers")).isEmpty();
    }

    @Test
    void aStartForAnImageWithADesiredStateMakesAReplicaAsItSays() {
        String path = "/containers/" + encoded(IMAGE);
        assertThat(api.call("PUT", path + "/desired", admin, "{\"replicas\": 1, \"max_replicas\": 3, " + SLEEP
                + ", \"env\": {\"ROLE\": \"worker\"}}").status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(20)).until(() -> plane.containers().instances(IMAGE).stream()
                .anyMatch(c -> c.isRunning()));
        String first = plane.containers().instances(IMAGE).getFirst().id();

        ApiClient.Answer started = post("/start/container", "{\"image\": \"" + IMAGE + "\"}");
        assertThat(started.status()).as(started.json().toString()).isEqualTo(200);
        String second = started.json().path("container_id").asText();
        assertThat(started.json().path("desired_replicas").asInt()).isEqualTo(2);
        ContainerInfo made = engine.containers().inspect(second);
        assertThat(made.environment()).containsEntry("ROLE", "worker");
        assertThat(made.labels().get(ManagedState.SPEC_LABEL))
                .isEqualTo(engine.containers().inspect(first).labels().get(ManagedState.SPEC_LABEL));
        // The reconciler keeps it: it is a replica like the others, not an outdated one to replace.
        plane.replicas().reconciler().trigger(IMAGE);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).untilAsserted(() ->
                assertThat(plane.containers().instances(IMAGE)).extracting(c -> c.id())
                        .containsExactlyInAnyOrder(first, second));

        ApiClient.Answer otherCommand = post("/start/container", "{\"image\": \"" + IMAGE + "\", "
                + "\"command\": [\"sleep\", \"5\"]}");
        assertThat(otherCommand.status()).as(otherCommand.json().toString()).isEqualTo(409);
        assertThat(otherCommand.json().path("detail").asText()).contains("command", "sleep, 600");
        assertThat(store.desired(IMAGE).orElseThrow().replicas()).isEqualTo(2);
        assertThat(plane.containers().instances(IMAGE)).hasSize(2);
    }

    @Test
    void aServerListeningBeforeItsControlPlaneRunsAnswers503() throws Exception {
        stopPlane();
        plane = ControlPlane.open(engine, store, ControlPlane.Options.DEFAULT);
        server = ApiServer.start(plane, tokens, new ServerOptions("127.0.0.1", 0, dataDir, false), "test");
        api = new ApiClient(server.url());
        ApiClient.Answer starting = get("/health");
        assertThat(starting.status()).isEqualTo(503);
        assertThat(starting.json().path("detail").asText()).contains("starting");
        assertThat(post("/start/container", "{\"image\": \"" + IMAGE + "\", " + SLEEP + "}").status()).isEqualTo(503);
        assertThat(get("/containers").json().path("containers").isMissingNode()).isTrue();
        plane.run();
        assertThat(get("/health").status()).isEqualTo(200);
        assertThat(get("/containers").json().path("containers")).isEmpty();
        assertThat(plane.running()).isTrue();
        assertThat(engine.containers().list(io.capstan.core.engine.ContainerFilter.allWithLabels(
                java.util.Map.of(io.capstan.core.label.Labels.MANAGED_BY, IMAGE)))).isEmpty();
    }
}
