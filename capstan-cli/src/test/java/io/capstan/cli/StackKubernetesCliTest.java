package io.capstan.cli;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code capstan CONFIG up|plan|ps|logs|down --target kubernetes} with the example project, against fabric8's mock API
 * server in CRUD mode reached through a kubeconfig (no real cluster runs here). The mock runs no controllers: where a
 * test needs pods, it creates them (and their status) as a kubelet would; refusals the mock would not give (403, 422,
 * 409) are its expectations. No engine is needed: the CLI here finds none.
 */
@EnableKubernetesMockClient(crud = true)
class StackKubernetesCliTest {
    private static final String NS = "shop";
    private static final String STACK = "capstan-demo";
    private static final Path DEMO = Path.of("../examples/demo");
    static KubernetesMockServer server;
    static KubernetesClient client;

    @TempDir
    Path dir;
    private Path kubeconfig;
    private Path config;
    private CliRunner cli;

    @BeforeEach
    void setUp() throws IOException {
        server.clearExpectations();
        stackObjects(Map.of()).forEach(o -> client.resource(o).delete());
        client.pods().inAnyNamespace().list().getItems().forEach(p -> client.resource(p).delete());
        kubeconfig = Files.writeString(dir.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters: [{name: mock, cluster: {server: "%s", insecure-skip-tls-verify: true}}]
                users: [{name: tester, user: {token: secret}}]
                contexts: [{name: mock, context: {cluster: mock, user: tester, namespace: shop}}]
                current-context: mock
                """.formatted(client.getConfiguration().getMasterUrl()));
        Path copy = dir.resolve("demo");
        try (Stream<Path> files = Files.walk(DEMO)) {
            for (Path source : files.filter(p -> !DEMO.relativize(p).startsWith("build")).toList()) {
                Path target = copy.resolve(DEMO.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
        config = copy.resolve("config.yml");
        cli = CliRunner.withEngineDown(dir.resolve("no-engine.sock").toString());
    }

    private CliRunner.Result stack(String... args) {
        List<String> all = new ArrayList<>(List.of(config.toString()));
        all.addAll(List.of(args));
        all.addAll(List.of("--target", "kubernetes", "--kubeconfig", kubeconfig.toString()));
        return cli.run(all.toArray(String[]::new));
    }

    private List<HasMetadata> stackObjects(Map<String, String> labels) {
        List<HasMetadata> all = new ArrayList<>();
        all.addAll(client.configMaps().inNamespace(NS).withLabels(labels).list().getItems());
        all.addAll(client.secrets().inNamespace(NS).withLabels(labels).list().getItems());
        all.addAll(client.persistentVolumeClaims().inNamespace(NS).withLabels(labels).list().getItems());
        all.addAll(client.services().inNamespace(NS).withLabels(labels).list().getItems());
        all.addAll(client.apps().deployments().inNamespace(NS).withLabels(labels).list().getItems());
        all.addAll(client.apps().daemonSets().inNamespace(NS).withLabels(labels).list().getItems());
        return all;
    }

    private List<String> names(List<HasMetadata> objects) {
        return objects.stream().map(o -> o.getKind().toLowerCase() + "/" + o.getMetadata().getName()).sorted().toList();
    }

    @Test
    void upAppliesWhatRenderWritesWithTheStacksLabelsAndMatchingSelectors() {
        var up = stack("up");
        assertThat(up.exitCode()).as(up.err()).isZero();
        assertThat(up.errLines()).contains("configmap/api-env: created", "persistentvolumeclaim/cache-data: created",
                "service/webui: created", "deployment/api: created", "stack capstan-demo applied to namespace shop");
        assertThat(up.errLines()).anyMatch(l -> l.startsWith("capstan: warning: build/services/applications/shop/api/"
                + "docker-compose.yml:") && l.contains("service 'api': depends_on 'cache'"));

        assertThat(names(stackObjects(Map.of("io.capstan.stack", STACK)))).containsExactly(
                "configmap/api-env", "configmap/pipelines-read-env", "configmap/pipelines-write-env",
                "deployment/api", "deployment/cache", "deployment/pipelines-read", "deployment/pipelines-write",
                "deployment/webui", "persistentvolumeclaim/cache-data", "service/api", "service/pipelines-read",
                "service/pipelines-write", "service/webui");
        for (Deployment d : client.apps().deployments().inNamespace(NS).list().getItems()) {
            assertThat(d.getSpec().getTemplate().getMetadata().getLabels()).as(d.getMetadata().getName())
                    .containsAllEntriesOf(d.getSpec().getSelector().getMatchLabels());
        }
        var webui = client.services().inNamespace(NS).withName("webui").get();
        assertThat(webui.getSpec().getSelector()).isEqualTo(client.apps().deployments().inNamespace(NS).withName("webui").get()
                .getSpec().getSelector().getMatchLabels());
        assertThat(webui.getSpec().getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getPort()).isEqualTo(80);
            assertThat(p.getTargetPort().getIntVal()).isEqualTo(80);
        });

        var again = stack("up");
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.errLines()).noneMatch(l -> l.endsWith(": created") || l.endsWith(": configured"))
                .contains("stack capstan-demo applied to namespace shop (13 objects unchanged)");
    }

    @Test
    void planShowsWhatAChangedStackWouldChangeAndPruneRemovesWhatLeftIt() throws IOException {
        assertThat(stack("plan").out().lines()).contains("deployment/api: create", "service/webui: create");
        assertThat(stack("up").exitCode()).isZero();
        assertThat(stack("plan").out().lines()).allMatch(l -> l.endsWith(": unchanged"));

        Path api = config.resolveSibling("services/applications/shop/api/docker-compose.yml.j2");
        Files.writeString(api, Files.readString(api).replace("\"-h\", \"/www\"", "\"-h\", \"/srv\""));
        Files.writeString(config, Files.readString(config).replace("  - framework.webui\n", ""));
        var plan = stack("plan");
        assertThat(plan.exitCode()).as(plan.err()).isZero();
        assertThat(plan.out().lines()).contains("deployment/api: change spec.template.spec.containers[0].args[5]",
                "configmap/api-env: unchanged",
                "deployment/webui: not in the stack (up --prune removes it)",
                "service/webui: not in the stack (up --prune removes it)");
        assertThat(stack("plan", "--prune").out().lines()).contains("deployment/webui: remove", "service/webui: remove");

        var up = stack("up");
        assertThat(up.errLines()).contains("deployment/api: configured", "capstan: warning: no longer in the stack, "
                + "left on the cluster: service/webui, deployment/webui (up --prune removes them)");
        assertThat(client.apps().deployments().inNamespace(NS).withName("api").get().getSpec().getTemplate().getSpec()
                .getContainers().getFirst().getArgs()).containsExactly("httpd", "-f", "-p", "80", "-h", "/srv");

        var prune = stack("up", "--prune");
        assertThat(prune.errLines()).contains("service/webui: removed", "deployment/webui: removed");
        assertThat(client.apps().deployments().inNamespace(NS).withName("webui").get()).isNull();
        assertThat(client.services().inNamespace(NS).withName("webui").get()).isNull();
    }

    @Test
    void downRemovesTheStacksObjectsAndItsClaimsOnlyWithVolumes() {
        client.configMaps().inNamespace(NS).resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                .withNewMetadata().withName("someone-elses").addToLabels("app", "other").endMetadata().build()).create();
        assertThat(stack("up").exitCode()).isZero();

        var down = stack("down");
        assertThat(down.exitCode()).as(down.err()).isZero();
        assertThat(down.errLines()).contains("deployment/api: removed", "configmap/api-env: removed",
                "capstan: kept persistentvolumeclaim/cache-data and the data in them (down -v removes them)");
        assertThat(names(stackObjects(Map.of("io.capstan.stack", STACK)))).containsExactly("persistentvolumeclaim/cache-data");

        assertThat(stack("down", "-v").errLines()).containsExactly("persistentvolumeclaim/cache-data: removed");
        assertThat(stackObjects(Map.of("io.capstan.stack", STACK))).isEmpty();
        assertThat(client.configMaps().inNamespace(NS).withName("someone-elses").get()).isNotNull();
    }

    @Test
    void psShowsEachWorkloadsReadyPodsAndLogsTheirOutput() {
        assertThat(stack("up").exitCode()).isZero();
        // what the deployment controller and a kubelet would do: a running pod of api, and the status saying so
        Deployment api = client.apps().deployments().inNamespace(NS).withName("api").get();
        Pod pod = client.pods().inNamespace(NS).resource(new PodBuilder().withNewMetadata().withName("api-5d8f-x2x8v")
                .withLabels(api.getSpec().getTemplate().getMetadata().getLabels()).endMetadata()
                .withSpec(api.getSpec().getTemplate().getSpec()).editSpec().withNodeName("node-1").endSpec()
                .withNewStatus().withPhase("Running").addNewContainerStatus().withName("api").withReady(true)
                .withRestartCount(2).endContainerStatus().endStatus().build()).create();
        client.apps().deployments().inNamespace(NS).resource(new DeploymentBuilder(api).withNewStatus().withReplicas(1)
                .withReadyReplicas(1).endStatus().build()).updateStatus();
        server.expect().get().withPath("/api/v1/namespaces/shop/pods/" + pod.getMetadata().getName() + "/log?pretty=false")
                .andReturn(200, "hello from the capstan demo\n").always();

        var ps = stack("ps");
        assertThat(ps.exitCode()).as(ps.err()).isZero();
        assertThat(ps.out().lines().toList()).first().asString().startsWith("SERVICE").contains("WORKLOAD", "READY", "POD", "STATUS");
        assertThat(ps.out().lines()).anyMatch(l -> l.matches("api\\s+deployment/api\\s+1/1\\s+api-5d8f-x2x8v\\s+Running\\s+2\\s+node-1"))
                .anyMatch(l -> l.matches("webui\\s+deployment/webui\\s+0/1\\s+-\\s+-\\s+-\\s+-"));
        assertThat(stack("ps", "api").out().lines()).hasSize(2);

        var logs = stack("logs", "api");
        assertThat(logs.exitCode()).as(logs.err()).isZero();
        assertThat(logs.out().lines()).containsExactly(String.format("%-20s| %s", "api", "hello from the capstan demo"));
    }

    @Test
    void theApiServersRefusalsAreOneLineSayingWhatWasAppliedBefore() {
        // the mock applies no new object server-side (it answers 404), so up creates them: the refusals answer that
        server.expect().post().withPath("/api/v1/namespaces/shop/configmaps")
                .andReturn(403, new StatusBuilder().withCode(403).withReason("Forbidden").withMessage("configmaps \"pipelines-read-env\" "
                        + "is forbidden: User \"bob\" cannot create resource \"configmaps\" in the namespace \"shop\"").build()).always();
        var forbidden = stack("up");
        assertThat(forbidden.exitCode()).isEqualTo(1);
        assertThat(forbidden.errLines()).last().isEqualTo("capstan: cannot apply configmap 'shop/pipelines-read-env': "
                + "forbidden (configmaps \"pipelines-read-env\" is forbidden: User \"bob\" cannot create resource \"configmaps\" "
                + "in the namespace \"shop\"): the kubeconfig's user needs a role that allows it (applied before it: 1 of 13 "
                + "changes, persistentvolumeclaim/cache-data; run up again once it is fixed)");
        assertThat(names(stackObjects(Map.of()))).as("the refused step's other objects are applied, no later step")
                .containsExactly("persistentvolumeclaim/cache-data");
        server.clearExpectations();
        assertThat(stack("down", "-v").exitCode()).isZero();

        server.expect().post().withPath("/apis/apps/v1/namespaces/shop/deployments")
                .andReturn(422, new StatusBuilder().withCode(422).withReason("Invalid").withMessage("Deployment.apps \"webui\" is invalid")
                        .withNewDetails().addNewCause().withField("spec.template.spec.containers[0].image")
                        .withMessage("Invalid value: \"Capstan-Busybox:test\": must be lower case").endCause().endDetails().build()).always();
        var invalid = stack("up");
        assertThat(invalid.exitCode()).isEqualTo(1);
        assertThat(invalid.errLines()).last().isEqualTo("capstan: invalid deployment 'shop/webui': "
                + "spec.template.spec.containers[0].image: Invalid value: \"Capstan-Busybox:test\": must be lower case "
                + "(applied before it: 8 of 13 changes, configmap/pipelines-read-env, configmap/pipelines-write-env, "
                + "configmap/api-env, ... service/api; run up again once it is fixed)");

        server.clearExpectations();
        server.expect().post().withPath("/apis/apps/v1/namespaces/shop/deployments")
                .andReturn(409, new StatusBuilder().withCode(409).withReason("Conflict").withMessage("Operation cannot be "
                        + "fulfilled on deployments.apps \"webui\": the object has been modified").build()).always();
        assertThat(stack("up").errLines()).last().asString().startsWith("capstan: deployment 'shop/webui' was changed by "
                + "someone else meanwhile (Operation cannot be fulfilled on deployments.apps \"webui\": the object has been "
                + "modified): read it again and retry");
        server.clearExpectations();
        assertThat(stack("up").exitCode()).isZero();
    }
}
