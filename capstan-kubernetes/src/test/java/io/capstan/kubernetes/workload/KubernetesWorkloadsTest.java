package io.capstan.kubernetes.workload;

import io.capstan.core.error.EngineException;
import io.capstan.core.error.InvalidSpecException;
import io.capstan.core.workload.UpdatePolicy;
import io.capstan.core.workload.WorkloadPort;
import io.capstan.core.workload.WorkloadRestart;
import io.capstan.core.workload.WorkloadSpec;
import io.capstan.core.workload.WorkloadStatus;
import io.capstan.core.workload.WorkloadTask;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * What the Kubernetes workload target writes to the API server and reads back, on fabric8's mock server in CRUD mode
 * with {@link SimulatedKubelet} making the pods a cluster would; the API server's refusals the mock would not give
 * (403, 422) are its expectations.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesWorkloadsTest {
    static final String NAMESPACE = "work";
    static KubernetesMockServer server;
    static KubernetesClient client;

    private SimulatedKubelet kubelet;
    private KubernetesTarget target;

    @BeforeEach
    void setUp() {
        server.clearExpectations();
        client.apps().deployments().inAnyNamespace().list().getItems().forEach(d -> client.resource(d).delete());
        client.apps().daemonSets().inAnyNamespace().list().getItems().forEach(d -> client.resource(d).delete());
        client.services().inAnyNamespace().list().getItems().forEach(s -> client.resource(s).delete());
        client.pods().inAnyNamespace().list().getItems().forEach(p -> client.resource(p).delete());
        kubelet = new SimulatedKubelet(client, server, NAMESPACE);
        target = new KubernetesTarget(new KubernetesClientBuilder().withConfig(client.getConfiguration()).build(), NAMESPACE);
    }

    @AfterEach
    void tearDown() {
        kubelet.close();
        target.close();
    }

    @Test
    void anImageThatIsNoLabelValueIsLabelledWithItsHashAndKeptWholeInAnAnnotation() {
        String image = "registry.example.com:5000/team/app:1.2";
        target.create(WorkloadSpec.builder("app", image).label("io.capstan.image", image).label("tier", "web").build());

        Deployment d = client.apps().deployments().inNamespace(NAMESPACE).withName("app").get();
        assertThat(d.getMetadata().getLabels()).containsEntry("tier", "web")
                .containsEntry("io.capstan.image", LabelValues.hash(image)).containsEntry("io.capstan.workload", "app");
        assertThat(d.getMetadata().getLabels().values()).allMatch(LabelValues::isValid);
        assertThat(d.getMetadata().getAnnotations()).containsEntry("io.capstan.image", image);
        assertThat(d.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("io.capstan.image", LabelValues.hash(image));
        assertThat(d.getSpec().getTemplate().getMetadata().getAnnotations()).containsEntry("io.capstan.image", image);
        assertThat(d.getSpec().getSelector().getMatchLabels()).isEqualTo(Map.of("io.capstan.workload", "app"));

        WorkloadStatus read = target.inspect("app");
        assertThat(read.spec().image()).isEqualTo(image);
        assertThat(read.labels()).isEqualTo(Map.of("io.capstan.image", image, "tier", "web"));
        assertThat(target.list(Map.of("io.capstan.image", image))).extracting(WorkloadStatus::name).containsExactly("app");
        assertThat(target.list(Map.of("io.capstan.image", "other:1"))).isEmpty();
    }

    @Test
    void scalingChangesTheReplicasOnlySoNoPodIsReplaced() {
        target.create(WorkloadSpec.builder("web", "nginx:1.27").replicas(2).build());
        Set<String> before = awaitPods("web", 2);
        var template = client.apps().deployments().inNamespace(NAMESPACE).withName("web").get().getSpec().getTemplate();

        assertThat(target.scale("web", 3).desired()).isEqualTo(3);
        Set<String> after = awaitPods("web", 3);
        assertThat(after).containsAll(before);
        assertThat(client.apps().deployments().inNamespace(NAMESPACE).withName("web").get().getSpec().getTemplate())
                .isEqualTo(template);
        assertThat(target.inspect("web").updateState()).isEmpty();
    }

    @Test
    void theUpdatePolicyIsTheRolloutStrategyAndARollbackReturnsToTheRecordedTemplate() {
        target.create(WorkloadSpec.builder("api", "api:1").replicas(2)
                .update(UpdatePolicy.DEFAULT.withParallelism(2).withOrder(UpdatePolicy.Order.START_FIRST).withMonitor(Duration.ofSeconds(5)))
                .rollback(UpdatePolicy.DEFAULT.withParallelism(0)).build());
        var strategy = client.apps().deployments().inNamespace(NAMESPACE).withName("api").get().getSpec();
        assertThat(strategy.getStrategy().getRollingUpdate().getMaxSurge()).isEqualTo(new IntOrString(2));
        assertThat(strategy.getStrategy().getRollingUpdate().getMaxUnavailable()).isEqualTo(new IntOrString(0));
        assertThat(strategy.getMinReadySeconds()).isEqualTo(5);
        Set<String> first = awaitPods("api", 2);

        target.update(target.inspect("api").spec().toBuilder().image("api:2").build());
        await().atMost(Duration.ofSeconds(30)).until(() -> target.inspect("api").updateState().equals("completed"));
        WorkloadStatus updated = target.inspect("api");
        assertThat(updated.currentTasks()).extracting(WorkloadTask::image).containsOnly("api:2");
        assertThat(updated.currentTasks()).extracting(WorkloadTask::id).doesNotContainAnyElementsOf(first);
        assertThat(updated.spec().update().order()).isEqualTo(UpdatePolicy.Order.START_FIRST);

        target.rollback("api");
        var rolledBack = client.apps().deployments().inNamespace(NAMESPACE).withName("api").get().getSpec();
        assertThat(rolledBack.getTemplate().getSpec().getContainers().getFirst().getImage()).isEqualTo("api:1");
        assertThat(rolledBack.getStrategy().getRollingUpdate().getMaxUnavailable()).isEqualTo(new IntOrString("100%"));
        await().atMost(Duration.ofSeconds(30)).until(() -> target.inspect("api").updateState().equals("rollback_completed"));
        assertThat(target.inspect("api").currentTasks()).extracting(WorkloadTask::image).containsOnly("api:1");
    }

    @Test
    void aGlobalWorkloadIsADaemonSetAndIngressPortsAService() {
        target.create(WorkloadSpec.builder("agent", "agent:1").global()
                .port(new WorkloadPort(30080, 8080, "tcp", WorkloadPort.Mode.INGRESS))
                .port(new WorkloadPort(9100, 9100, "tcp", WorkloadPort.Mode.HOST)).build());
        assertThat(client.apps().daemonSets().inNamespace(NAMESPACE).withName("agent").get()).isNotNull();
        var service = client.services().inNamespace(NAMESPACE).withName("agent").get();
        assertThat(service.getSpec().getType()).isEqualTo("NodePort");
        assertThat(service.getSpec().getSelector()).isEqualTo(Map.of("io.capstan.workload", "agent"));
        assertThat(service.getSpec().getPorts().getFirst().getNodePort()).isEqualTo(30080);

        await().atMost(Duration.ofSeconds(30)).until(() -> target.inspect("agent").running() == 1);
        WorkloadStatus status = target.inspect("agent");
        assertThat(status.spec().mode()).isEqualTo(WorkloadSpec.Mode.GLOBAL);
        assertThat(status.spec().ports()).containsExactlyInAnyOrder(
                new WorkloadPort(30080, 8080, "tcp", WorkloadPort.Mode.INGRESS),
                new WorkloadPort(9100, 9100, "tcp", WorkloadPort.Mode.HOST));
        assertThat(status.currentTasks()).singleElement().satisfies(t -> assertThat(t.node()).isEqualTo(SimulatedKubelet.NODE));

        target.remove("agent");
        assertThat(client.services().inNamespace(NAMESPACE).withName("agent").get()).isNull();
        assertThat(client.apps().daemonSets().inNamespace(NAMESPACE).withName("agent").get()).isNull();
    }

    @Test
    void whatKubernetesCannotKeepIsRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> target.create(WorkloadSpec.builder("db", "db:1").network("backend").build()))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("workload 'db': Kubernetes has no networks to join ('backend'): every pod reaches every other, "
                        + "so leave the networks out");
        assertThatThrownBy(() -> target.create(WorkloadSpec.builder("db", "db:1")
                .restart(new WorkloadRestart(WorkloadRestart.Condition.ON_FAILURE, null, 0)).build()))
                .hasMessageContaining("restart condition on-failure cannot be kept on Kubernetes");
        assertThatThrownBy(() -> target.create(WorkloadSpec.builder("db", "db:1").constraint("node.role==manager").build()))
                .hasMessageContaining("placement constraint 'node.role==manager'");
        assertThatThrownBy(() -> target.create(WorkloadSpec.builder("Db_1", "db:1").build()))
                .hasMessageStartingWith("invalid workload name 'Db_1' on Kubernetes");
        assertThat(client.apps().deployments().inNamespace(NAMESPACE).list().getItems()).isEmpty();
    }

    @Test
    void theApiServersRefusalsAreOneLineNamingTheWorkload() {
        server.expect().post().withPath("/apis/apps/v1/namespaces/" + NAMESPACE + "/deployments")
                .andReturn(403, new StatusBuilder().withCode(403).withReason("Forbidden")
                        .withMessage("deployments.apps is forbidden: User \"bob\" cannot create resource \"deployments\"").build()).once();
        assertThatThrownBy(() -> target.create(WorkloadSpec.builder("web", "nginx:1").build()))
                .isInstanceOf(EngineException.class)
                .hasMessage("cannot create workload 'work/web': forbidden (deployments.apps is forbidden: User \"bob\" cannot "
                        + "create resource \"deployments\"): the kubeconfig's user needs a role that allows it");

        server.expect().post().withPath("/apis/apps/v1/namespaces/" + NAMESPACE + "/deployments")
                .andReturn(422, new StatusBuilder().withCode(422).withReason("Invalid").withMessage("invalid")
                        .withNewDetails().addNewCause().withField("spec.template.spec.containers[0].image")
                        .withMessage("Invalid value: \"NGINX\": must be lower case").endCause().endDetails().build()).once();
        assertThatThrownBy(() -> target.create(WorkloadSpec.builder("web", "NGINX").build()))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("invalid workload 'work/web': spec.template.spec.containers[0].image: Invalid value: \"NGINX\": must be lower case");
        assertThat(target.list(Map.of())).isEmpty();
    }

    @Test
    void aChangeThatMeetsAnotherWriterIsReadAndWrittenAgainAndOneThatKeepsMeetingOneSaysSo() {
        target.create(WorkloadSpec.builder("web", "nginx:1.27").replicas(2).build());
        String path = "/apis/apps/v1/namespaces/" + NAMESPACE + "/deployments/web";
        server.expect().put().withPath(path).andReturn(409, conflict()).once();
        target.update(WorkloadSpec.builder("web", "nginx:1.28").replicas(2).build());
        assertThat(target.inspect("web").spec().image()).isEqualTo("nginx:1.28");

        server.expect().put().withPath(path).andReturn(409, conflict()).always();
        assertThatThrownBy(() -> target.update(WorkloadSpec.builder("web", "nginx:1.29").replicas(2).build()))
                .isInstanceOf(io.capstan.core.error.ConflictException.class)
                .hasMessageContaining("workload 'work/web' was changed by someone else meanwhile");
        assertThat(target.inspect("web").spec().image()).isEqualTo("nginx:1.28");
    }

    private static io.fabric8.kubernetes.api.model.Status conflict() {
        return new StatusBuilder().withCode(409).withReason("Conflict").withMessage("Operation cannot be fulfilled on "
                + "deployments.apps \"web\": the object has been modified; please apply your changes to the latest "
                + "version and try again").build();
    }

    private Set<String> awaitPods(String name, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> target.inspect(name).currentTasks().stream()
                .filter(WorkloadTask::isRunning).count() == count);
        return target.inspect(name).currentTasks().stream().map(WorkloadTask::id).collect(Collectors.toSet());
    }
}
