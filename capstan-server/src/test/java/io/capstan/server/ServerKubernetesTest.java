package io.capstan.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.control.ControlPlane;
import io.capstan.control.store.Store;
import io.capstan.control.store.Stores;
import io.capstan.control.workload.ServiceSpecs;
import io.capstan.core.label.Labels;
import io.capstan.kubernetes.workload.KubernetesTarget;
import io.capstan.kubernetes.workload.SimulatedKubelet;
import io.capstan.tck.fake.FakeEngine;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The control plane on Kubernetes ({@code capstan server --target kubernetes}), through its REST API, on fabric8's mock
 * API server in CRUD mode with {@link SimulatedKubelet} making the pods a cluster would: a desired image is one
 * Deployment, its pods are the image's containers, their changes are its events (read when the pod watch says so).
 */
@EnableKubernetesMockClient(crud = true)
class ServerKubernetesTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String NAMESPACE = "capstan-k8sserver14";
    private static final String IMAGE = "registry.example/shop/web:1.0";

    static KubernetesMockServer server;
    static KubernetesClient client;

    @TempDir
    Path dir;
    private SimulatedKubelet kubelet;
    private KubernetesTarget target;
    private Store store;
    private ControlPlane plane;
    private ApiServer api;
    private ApiClient http;
    private String admin;
    private final String deployment = ServiceSpecs.serviceName(IMAGE);

    @BeforeEach
    void start() throws Exception {
        kubelet = new SimulatedKubelet(client, server, NAMESPACE);
        target = new KubernetesTarget(new KubernetesClientBuilder().withConfig(client.getConfiguration()).build(), NAMESPACE);
        store = Stores.sqlite(dir.resolve("capstan.db"));
        Tokens tokens = Tokens.open(dir, file -> { });
        admin = Files.readString(tokens.adminFile()).strip();
        // the engine has no such image: on Kubernetes the cluster's nodes pull it
        plane = ControlPlane.open(new FakeEngine(), store, ObservedPlane.FAST, target);
        api = ApiServer.start(plane, tokens, new ServerOptions("127.0.0.1", 0, dir, false), "test");
        plane.run();
        http = new ApiClient(api.url());
    }

    @AfterEach
    void stop() {
        api.close();
        plane.close();
        store.close();
        kubelet.close();
        target.close();
    }

    private ApiClient.Answer call(String method, String path, String body) {
        return http.call(method, path, admin, body);
    }

    private static String image() {
        return URLEncoder.encode(IMAGE, StandardCharsets.UTF_8);
    }

    private Deployment deployment() {
        return client.apps().deployments().inNamespace(NAMESPACE).withName(deployment).get();
    }

    private HorizontalPodAutoscaler autoscaler() {
        return client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NAMESPACE).withName(deployment).get();
    }

    private List<Pod> pods() {
        return client.pods().inNamespace(NAMESPACE).withLabel("io.capstan.workload", deployment).list().getItems();
    }

    /** The pod's container as the API names it: without the runtime's {@code containerd://}. */
    private static String containerId(Pod pod) {
        return pod.getStatus().getContainerStatuses().getFirst().getContainerID().replace("containerd://", "");
    }

    /** What {@code GET /containers} lists for the image once it lists exactly the pods' containers, each running. */
    private JsonNode awaitListed(int count) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(WAIT).untilAsserted(() -> {
            Set<String> podContainers = pods().stream()
                    .map(ServerKubernetesTest::containerId).collect(Collectors.toSet());
            assertThat(podContainers).hasSize(count);
            ApiClient.Answer a = call("GET", "/containers?image=" + image(), null);
            assertThat(a.status()).isEqualTo(200);
            Set<String> ids = new TreeSet<>();
            a.json().path("containers").forEach(c -> {
                ids.add(c.path("id").asText());
                assertThat(c.path("status").asText()).isEqualTo("running");
            });
            assertThat(ids).isEqualTo(podContainers);
            last[0] = a.json();
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

    @Test
    void aDesiredImageIsADeploymentScaledAutoscaledAndRemovedThroughTheApi() {
        ApiClient.Answer put = call("PUT", "/containers/" + image() + "/desired",
                "{\"min_replicas\": 1, \"max_replicas\": 5, \"replicas\": 2, \"env\": {\"GREETING\": \"hello\"},"
                        + " \"resources\": {\"cpu_limit\": \"0.5\"}}");
        assertThat(put.status()).as(put.json().toString()).isEqualTo(201);

        // One Deployment with the desired count and Capstan's labels.
        await().atMost(WAIT).until(() -> deployment() != null);
        Deployment d = deployment();
        assertThat(d.getSpec().getReplicas()).isEqualTo(2);
        assertThat(d.getMetadata().getLabels()).containsEntry(Labels.OWNER, "true")
                .containsKey(Labels.MANAGED_BY);
        assertThat(d.getSpec().getTemplate().getSpec().getContainers().getFirst().getImage()).isEqualTo(IMAGE);

        // Its pods are the image's containers, with the node as host.
        JsonNode listed = awaitListed(2);
        listed.path("containers").forEach(c -> {
            assertThat(c.path("image").asText()).isEqualTo(IMAGE);
            assertThat(c.path("host").asText()).isEqualTo(SimulatedKubelet.NODE);
            assertThat(c.path("health").asText()).isEqualTo("none");
            assertThat(c.path("cpu_limit").asDouble()).isEqualTo(0.5);
        });

        // Scaled through the API: the Deployment's replicas.
        assertThat(call("POST", "/containers/" + image() + "/scale", "{\"replicas\": 3}").status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> deployment().getSpec().getReplicas() == 3);
        awaitListed(3);

        // A deleted pod is replaced by the cluster; both are lifecycle events, seen through the pod watch.
        Pod victim = pods().getFirst();
        String victimId = containerId(victim);
        client.resource(victim).delete();
        await().atMost(WAIT).until(() -> events("remove").contains(victimId));
        JsonNode healed = awaitListed(3);
        List<String> healedIds = new ArrayList<>();
        healed.path("containers").forEach(c -> healedIds.add(c.path("id").asText()));
        assertThat(healedIds).doesNotContain(victimId);
        await().atMost(WAIT).until(() -> events("start").containsAll(healedIds));

        // A CPU target: an autoscaler holds the count between min and max, and the control plane leaves it alone.
        assertThat(call("PUT", "/containers/" + image() + "/desired",
                "{\"min_replicas\": 2, \"max_replicas\": 6, \"replicas\": 3, \"env\": {\"GREETING\": \"hello\"},"
                        + " \"resources\": {\"cpu_limit\": \"0.5\"}, \"autoscale\": {\"target_cpu_percent\": 60,"
                        + " \"scale_up_window_seconds\": 0, \"scale_down_window_seconds\": 120}}").status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> autoscaler() != null);
        HorizontalPodAutoscaler hpa = autoscaler();
        assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(deployment);
        assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(2);
        assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(6);
        assertThat(hpa.getSpec().getMetrics().getFirst().getResource().getName()).isEqualTo("cpu");
        assertThat(hpa.getSpec().getMetrics().getFirst().getResource().getTarget().getAverageUtilization()).isEqualTo(60);
        assertThat(hpa.getSpec().getBehavior().getScaleDown().getStabilizationWindowSeconds()).isEqualTo(120);
        // what the autoscaler sets (as the cluster's would) stays: the next passes do not scale it back
        client.apps().deployments().inNamespace(NAMESPACE).withName(deployment)
                .edit(x -> { x.getSpec().setReplicas(5); return x; });
        awaitListed(5);
        AtomicInteger passes = new AtomicInteger();
        plane.replicas().reconciler().afterEachPass((img, took) -> passes.incrementAndGet());
        await().atMost(WAIT).until(() -> passes.get() >= 2);
        assertThat(deployment().getSpec().getReplicas()).isEqualTo(5);

        // Without the CPU target the autoscaler goes and the desired count is the Deployment's again.
        assertThat(call("PUT", "/containers/" + image() + "/desired",
                "{\"min_replicas\": 2, \"max_replicas\": 6, \"replicas\": 3, \"env\": {\"GREETING\": \"hello\"},"
                        + " \"resources\": {\"cpu_limit\": \"0.5\"}}").status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> autoscaler() == null);
        await().atMost(WAIT).until(() -> deployment().getSpec().getReplicas() == 3);

        // Deleted: the Deployment and its autoscaler go.
        assertThat(call("PUT", "/containers/" + image() + "/desired",
                "{\"min_replicas\": 2, \"max_replicas\": 6, \"replicas\": 3, \"resources\": {\"cpu_limit\": \"0.5\"},"
                        + " \"env\": {\"GREETING\": \"hello\"}, \"autoscale\": {\"target_cpu_percent\": 60}}").status())
                .isEqualTo(200);
        await().atMost(WAIT).until(() -> autoscaler() != null);
        ApiClient.Answer deleted = call("DELETE", "/containers/" + image() + "/desired", null);
        assertThat(deleted.status()).as(deleted.json().toString()).isBetween(200, 204);
        await().atMost(WAIT).until(() -> deployment() == null && autoscaler() == null);
        await().atMost(WAIT).untilAsserted(() -> assertThat(call("GET", "/containers?image=" + image(), null).json()
                .path("containers").size()).isZero());
    }

    @Test
    void aPodIsListedWithTheFieldsOfAContainerOnTheEngine() throws Exception {
        assertThat(call("PUT", "/containers/" + image() + "/desired", "{\"min_replicas\": 1, \"max_replicas\": 1,"
                + " \"env\": {\"GREETING\": \"hello\"}, \"command\": [\"sh\", \"-c\", \"echo hello $GREETING\"]}")
                .status()).isEqualTo(201);
        JsonNode onKubernetes = awaitListed(1).path("containers").get(0);
        // its output is the pod's log
        try (java.net.http.HttpClient plain = java.net.http.HttpClient.newHttpClient()) {
            var logs = plain.send(java.net.http.HttpRequest.newBuilder(api.url().resolve("/containers/"
                            + onKubernetes.path("id").asText() + "/logs")).header("Authorization", "Bearer " + admin).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(logs.statusCode()).as(logs.body()).isEqualTo(200);
            assertThat(logs.body()).isEqualTo("hello hello\n");
        }

        FakeEngine engine = new FakeEngine();
        engine.addImage(IMAGE);
        Path engineDir = Files.createDirectory(dir.resolve("engine"));
        try (Store engineStore = Stores.sqlite(engineDir.resolve("capstan.db"));
             ControlPlane onEngine = ControlPlane.open(engine, engineStore, ObservedPlane.FAST)) {
            Tokens tokens = Tokens.open(engineDir, file -> { });
            String token = Files.readString(tokens.adminFile()).strip();
            ApiServer engineApi = ApiServer.start(onEngine, tokens, new ServerOptions("127.0.0.1", 0, engineDir, false), "test");
            try {
                onEngine.run();
                ApiClient engineHttp = new ApiClient(engineApi.url());
                assertThat(engineHttp.call("PUT", "/containers/" + image() + "/desired", token,
                        "{\"min_replicas\": 1, \"max_replicas\": 1}").status()).isEqualTo(201);
                JsonNode[] container = new JsonNode[1];
                await().atMost(WAIT).until(() -> {
                    JsonNode list = engineHttp.call("GET", "/containers?image=" + image(), token, null).json()
                            .path("containers");
                    container[0] = list.size() == 1 ? list.get(0) : null;
                    return container[0] != null;
                });
                assertThat(fields(onKubernetes)).isEqualTo(fields(container[0]));
            } finally {
                engineApi.close();
            }
        }
    }

    @Test
    void aRoleThatMayNotReadAutoscalersServesImagesWithoutAutoscaleAndSaysOnceWhyAnotherIsNotAutoscaled() {
        String plain = "registry.example/shop/plain:1.0";
        String scaled = "registry.example/shop/scaled:1.0";
        for (String image : List.of(plain, scaled)) {
            server.expect().get().withPath("/apis/autoscaling/v2/namespaces/" + NAMESPACE + "/horizontalpodautoscalers/"
                            + ServiceSpecs.serviceName(image))
                    .andReturn(403, new StatusBuilder().withCode(403).withReason("Forbidden").withMessage(
                            "horizontalpodautoscalers is forbidden: User \"capstan\" cannot get resource").build())
                    .always();
        }
        AtomicInteger plainPasses = new AtomicInteger();
        AtomicInteger scaledPasses = new AtomicInteger();
        plane.replicas().reconciler().afterEachPass((img, took) ->
                (plain.equals(img) ? plainPasses : scaledPasses).incrementAndGet());

        assertThat(call("PUT", "/containers/" + encoded(plain) + "/desired",
                "{\"min_replicas\": 1, \"max_replicas\": 5, \"replicas\": 2}").status()).isEqualTo(201);
        assertThat(call("PUT", "/containers/" + encoded(scaled) + "/desired",
                "{\"min_replicas\": 1, \"max_replicas\": 5, \"replicas\": 2, \"resources\": {\"cpu_limit\": \"0.5\"},"
                        + " \"autoscale\": {\"target_cpu_percent\": 60}}").status()).isEqualTo(201);
        await().atMost(WAIT).until(() -> deploymentOf(plain) != null && deploymentOf(scaled) != null);

        // the image without autoscale is scaled as asked, pass after pass, and nothing failed for it
        assertThat(call("POST", "/containers/" + encoded(plain) + "/scale", "{\"replicas\": 3}").status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> deploymentOf(plain).getSpec().getReplicas() == 3);
        int seenPlain = plainPasses.get();
        int seenScaled = scaledPasses.get();
        await().atMost(WAIT).until(() -> plainPasses.get() >= seenPlain + 2 && scaledPasses.get() >= seenScaled + 2);
        assertThat(statuses(plain, "failed")).isEmpty();

        // the image with autoscale: one line naming it and the refusal, however many passes saw it
        assertThat(statuses(scaled, "failed")).singleElement().asString()
                .startsWith("autoscaling of " + scaled + " not applied: ")
                .contains("forbidden").contains("role").doesNotContain("Exception");
        assertThat(deploymentOf(scaled).getSpec().getReplicas()).isEqualTo(2);
    }

    private Deployment deploymentOf(String image) {
        return client.apps().deployments().inNamespace(NAMESPACE).withName(ServiceSpecs.serviceName(image)).get();
    }

    private List<String> statuses(String image, String word) {
        List<String> said = new ArrayList<>();
        call("GET", "/events?limit=1000&image=" + encoded(image), null).json().path("events").forEach(e -> {
            if (word.equals(e.path("event").asText())) {
                said.add(e.path("status").asText());
            }
        });
        return said;
    }

    private static String encoded(String image) {
        return URLEncoder.encode(image, StandardCharsets.UTF_8);
    }

    private static Set<String> fields(JsonNode node) {
        Set<String> names = new TreeSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
