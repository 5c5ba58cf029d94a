package io.capstan.kubernetes;

import io.capstan.core.error.ConflictException;
import io.capstan.core.error.EngineException;
import io.capstan.core.error.InvalidSpecException;
import io.capstan.core.error.NotFoundException;
import io.capstan.orchestration.ContainerPort;
import io.capstan.orchestration.KubernetesDeployment;
import io.capstan.orchestration.KubernetesOrchestration;
import io.capstan.orchestration.KubernetesService;
import io.capstan.orchestration.ServicePort;
import io.capstan.orchestration.ServiceType;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every method of the Kubernetes API against fabric8's mock API server in CRUD mode (no real cluster runs here). The mock
 * stores objects but runs no controllers, so deployments never get pods by themselves; errors the mock would not
 * produce (403, 422) are answered by expectations.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesOrchestrationTest {
    static KubernetesMockServer server;
    static KubernetesClient client;

    private KubernetesOrchestration k8s;

    @BeforeEach
    void setUp() {
        server.clearExpectations();
        client.namespaces().list().getItems().forEach(n -> client.resource(n).delete());
        client.apps().deployments().inAnyNamespace().list().getItems().forEach(d -> client.resource(d).delete());
        client.services().inAnyNamespace().list().getItems().forEach(s -> client.resource(s).delete());
        client.pods().inAnyNamespace().list().getItems().forEach(p -> client.resource(p).delete());
        k8s = KubernetesClusters.over(client);
    }

    @Test
    void namespacesAreCreatedListedLabelledAndDeleted() {
        var created = k8s.createNamespace("toronto-ai");
        assertThat(created.name()).isEqualTo("toronto-ai");
        assertThat(created.created()).isNotNull();
        assertThat(k8s.createNamespace("other", Map.of("team", "web")).labels()).containsExactly(Map.entry("team", "web"));
        assertThat(k8s.listNamespaces()).extracting(n -> n.name()).containsExactlyInAnyOrder("toronto-ai", "other");

        assertThat(k8s.updateNamespace("toronto-ai", Map.of("team", "ai")).labels()).containsEntry("team", "ai");
        assertThat(k8s.getNamespace("toronto-ai").labels()).containsEntry("team", "ai");

        k8s.deleteNamespace("other");
        assertThat(k8s.listNamespaces()).extracting(n -> n.name()).containsExactly("toronto-ai");
        assertThatThrownBy(() -> k8s.getNamespace("other")).isInstanceOf(NotFoundException.class)
                .hasMessage("namespace 'other' not found");
        assertThatThrownBy(() -> k8s.deleteNamespace("other")).hasMessage("namespace 'other' not found");
    }

    @Test
    void aDeploymentKeepsTheSeedsAttributes() {
        var d = k8s.createDeployment("toronto-ai-app", "toronto-ai", "toronto-ai:latest", 3,
                List.of(ContainerPort.tcp(8080)), Map.of("NODE_ENV", "production"));
        var expected = new KubernetesDeployment("toronto-ai-app", "toronto-ai", "toronto-ai:latest", 3,
                List.of(new ContainerPort(8080, "TCP")), Map.of("NODE_ENV", "production"));
        assertThat(d).isEqualTo(expected);
        assertThat(k8s.getDeployment("toronto-ai-app", "toronto-ai")).isEqualTo(expected);
        assertThat(k8s.listDeployments("toronto-ai")).containsExactly(expected);
        assertThat(k8s.listDeployments("elsewhere")).isEmpty();

        var stored = client.apps().deployments().inNamespace("toronto-ai").withName("toronto-ai-app").get();
        assertThat(stored.getSpec().getSelector().getMatchLabels()).containsEntry("app", "toronto-ai-app");
        assertThat(stored.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("app", "toronto-ai-app");

        k8s.deleteDeployment("toronto-ai-app", "toronto-ai");
        assertThat(k8s.listDeployments("toronto-ai")).isEmpty();
        assertThatThrownBy(() -> k8s.getDeployment("toronto-ai-app", "toronto-ai"))
                .isInstanceOf(NotFoundException.class).hasMessage("deployment 'toronto-ai/toronto-ai-app' not found");
    }

    @Test
    void changingOnlyReplicasLeavesThePodTemplateAsItWasSoNoPodIsReplaced() {
        var d = k8s.createDeployment("web", "shop", "nginx:1.27", 3, List.of(ContainerPort.tcp(80)), Map.of("A", "1"));
        PodTemplateSpec before = template("shop", "web");

        var scaled = k8s.updateDeployment(d.withReplicas(5));

        assertThat(scaled.replicas()).isEqualTo(5);
        assertThat(template("shop", "web")).isEqualTo(before);
        assertThat(k8s.scaleDeployment("web", "shop", 1).replicas()).isEqualTo(1);
        assertThat(template("shop", "web")).isEqualTo(before);

        var rolled = k8s.updateDeployment(scaled.withImage("nginx:1.28").withEnvironment(Map.of("A", "2")));
        assertThat(rolled.image()).isEqualTo("nginx:1.28");
        assertThat(rolled.environment()).containsExactly(Map.entry("A", "2"));
        assertThat(template("shop", "web")).isNotEqualTo(before);
        assertThat(template("shop", "web").getMetadata().getLabels()).containsEntry("app", "web");
    }

    @Test
    void theNamespaceDefaultsToTheConnections() {
        k8s.createDeployment("web", null, "nginx:1.27", 1, List.of(), Map.of());
        assertThat(k8s.getDeployment("web", k8s.defaultNamespace()).namespace()).isEqualTo(k8s.defaultNamespace());
        assertThat(k8s.defaultNamespace()).isEqualTo("test");
    }

    @Test
    void servicesOfEachTypeAreValid() {
        var ports = List.of(new ServicePort(80, 8080));
        var cluster = k8s.createService("cluster", "shop", Map.of("app", "web"), ports, ServiceType.CLUSTER_IP);
        var node = k8s.createService("node", "shop", Map.of("app", "web"),
                List.of(new ServicePort(80, 8080, "TCP", 30080)), ServiceType.NODE_PORT);
        var balancer = k8s.createService("balancer", "shop", Map.of("app", "web"), ports, ServiceType.LOAD_BALANCER);
        var external = k8s.createService(new KubernetesService("db", "shop", Map.of(), List.of(),
                ServiceType.EXTERNAL_NAME, "db.example.com"));

        assertThat(cluster.serviceType()).isEqualTo(ServiceType.CLUSTER_IP);
        assertThat(cluster.ports()).containsExactly(new ServicePort(80, 8080, "TCP", 0));
        assertThat(cluster.selector()).containsExactly(Map.entry("app", "web"));
        assertThat(node.ports()).containsExactly(new ServicePort(80, 8080, "TCP", 30080));
        assertThat(balancer.serviceType()).isEqualTo(ServiceType.LOAD_BALANCER);
        assertThat(external.externalName()).isEqualTo("db.example.com");
        assertThat(k8s.listServices("shop")).extracting(KubernetesService::serviceType).containsExactlyInAnyOrder(
                ServiceType.CLUSTER_IP, ServiceType.NODE_PORT, ServiceType.LOAD_BALANCER, ServiceType.EXTERNAL_NAME);

        var stored = client.services().inNamespace("shop").withName("db").get();
        assertThat(stored.getSpec().getType()).isEqualTo("ExternalName");
        assertThat(stored.getSpec().getClusterIP()).isNull();
        assertThat(client.services().inNamespace("shop").withName("node").get().getSpec().getPorts().getFirst().getName())
                .isEqualTo("tcp-80");
    }

    @Test
    void whatATypeCannotHaveIsRefusedBeforeAnythingIsSent() {
        int requests = server.getRequestCount();
        assertThatThrownBy(() -> k8s.createService("db", "shop", Map.of(), List.of(), ServiceType.EXTERNAL_NAME))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("service 'db' of type ExternalName needs the DNS name it stands for (--external-name such "
                        + "as db.example.com)");
        assertThatThrownBy(() -> k8s.createService("web", "shop", Map.of("app", "web"),
                List.of(new ServicePort(80, 80, "TCP", 30080)), ServiceType.CLUSTER_IP))
                .hasMessage("service 'web' of type ClusterIP cannot have node port 30080: only NodePort and "
                        + "LoadBalancer services have node ports");
        assertThatThrownBy(() -> k8s.createService("web", "shop", Map.of("app", "web"), List.of(),
                ServiceType.LOAD_BALANCER))
                .hasMessage("service 'web' of type LoadBalancer has no port: expected at least one, such as 80:8080");
        assertThatThrownBy(() -> new ServicePort(80, 80, "TCP", 80))
                .hasMessage("invalid node port 80 of service port 80: expected 30000-32767 (the cluster's default node "
                        + "port range)");
        assertThatThrownBy(() -> ServiceType.of("Ingress"))
                .hasMessage("invalid service type 'Ingress': expected ClusterIP, NodePort, LoadBalancer, ExternalName");
        assertThatThrownBy(() -> k8s.createDeployment("Web_1", "shop", "nginx", 1, List.of(), Map.of()))
                .hasMessage("invalid deployment name 'Web_1': expected at most 63 lower-case letters, digits and '-', "
                        + "starting and ending with a letter or digit");
        assertThatThrownBy(() -> k8s.createDeployment("web", "shop", "nginx", -1, List.of(), Map.of()))
                .hasMessage("invalid replicas -1 of deployment 'web': expected 0 or more");
        assertThat(server.getRequestCount()).isEqualTo(requests);
    }

    @Test
    void aServiceChangesTypeWithoutKeepingWhatTheNewTypeForbids() {
        var node = k8s.createService("web", "shop", Map.of("app", "web"),
                List.of(new ServicePort(80, 8080, "TCP", 30080)), ServiceType.NODE_PORT);

        var balancer = k8s.updateService(node.withType(ServiceType.LOAD_BALANCER)
                .withPorts(List.of(new ServicePort(80, 8080))));
        assertThat(balancer.ports()).as("the node port the service had stays").containsExactly(
                new ServicePort(80, 8080, "TCP", 30080));

        var cluster = k8s.updateService(balancer.withType(ServiceType.CLUSTER_IP)
                .withPorts(List.of(new ServicePort(80, 8080))));
        assertThat(cluster.ports()).containsExactly(new ServicePort(80, 8080, "TCP", 0));

        var external = k8s.updateService(new KubernetesService("web", "shop", Map.of(), List.of(),
                ServiceType.EXTERNAL_NAME, "web.example.com"));
        assertThat(external.serviceType()).isEqualTo(ServiceType.EXTERNAL_NAME);
        assertThat(client.services().inNamespace("shop").withName("web").get().getSpec().getClusterIP()).isNull();

        k8s.deleteService("web", "shop");
        assertThatThrownBy(() -> k8s.getService("web", "shop")).hasMessage("service 'shop/web' not found");
    }

    @Test
    void podsAreCreatedChangedReadAndDeleted() {
        var pod = k8s.createPod("worker", "shop", "busybox:1.36", List.of(ContainerPort.parse("9000/udp")),
                Map.of("MODE", "batch"));
        assertThat(pod.image()).isEqualTo("busybox:1.36");
        assertThat(pod.ports()).containsExactly(new ContainerPort(9000, "UDP"));
        assertThat(pod.environment()).containsExactly(Map.entry("MODE", "batch"));
        assertThat(pod.status()).as("the mock runs no kubelet to set a phase").isEqualTo("Unknown");

        assertThat(k8s.updatePod("worker", "shop", "busybox:1.37").image()).isEqualTo("busybox:1.37");
        assertThat(k8s.getPod("worker", "shop").image()).isEqualTo("busybox:1.37");
        assertThat(k8s.listPods("shop")).extracting(p -> p.name()).containsExactly("worker");

        server.expect().get().withPath("/api/v1/namespaces/shop/pods/worker/log?pretty=false&tailLines=2")
                .andReturn(200, "two\nthree\n").once();
        assertThat(k8s.podLog("worker", "shop", 2)).isEqualTo("two\nthree\n");

        k8s.deletePod("worker", "shop");
        assertThat(k8s.listPods("shop")).isEmpty();
        assertThatThrownBy(() -> k8s.podLog("worker", "shop", 0)).hasMessage("pod 'shop/worker' not found");
    }

    @Test
    void anExistingNameIsAConflictNamingTheObject() {
        k8s.createDeployment("web", "shop", "nginx:1.27", 1, List.of(), Map.of());
        assertThatThrownBy(() -> k8s.createDeployment("web", "shop", "nginx:1.27", 1, List.of(), Map.of()))
                .isInstanceOf(ConflictException.class).hasMessage("deployment 'shop/web' already exists");
    }

    @Test
    void aChangeBySomeoneElseMeanwhileIsAConflict() {
        var d = k8s.createDeployment("web", "shop", "nginx:1.27", 1, List.of(), Map.of());
        server.expect().put().withPath("/apis/apps/v1/namespaces/shop/deployments/web")
                .andReturn(409, new StatusBuilder().withCode(409).withReason("Conflict")
                        .withMessage("Operation cannot be fulfilled on deployments.apps \"web\": the object has been "
                                + "modified; please apply your changes to the latest version and try again").build())
                .once();
        assertThatThrownBy(() -> k8s.updateDeployment(d.withReplicas(2)))
                .isInstanceOf(ConflictException.class)
                .hasMessage("deployment 'shop/web' was changed by someone else meanwhile (Operation cannot be fulfilled "
                        + "on deployments.apps \"web\": the object has been modified; please apply your changes to the "
                        + "latest version and try again): read it again and retry");
    }

    @Test
    void anInvalidObjectNamesTheField() {
        server.expect().post().withPath("/apis/apps/v1/namespaces/shop/deployments")
                .andReturn(422, new StatusBuilder().withCode(422).withReason("Invalid")
                        .withMessage("Deployment.apps \"web\" is invalid: spec.template.spec.containers[0].image: "
                                + "Required value")
                        .withNewDetails().withName("web").withKind("Deployment").addNewCause()
                        .withField("spec.template.spec.containers[0].image").withReason("FieldValueRequired")
                        .withMessage("Required value").endCause().endDetails().build())
                .once();
        assertThatThrownBy(() -> k8s.createDeployment("web", "shop", "nginx:1.27", 1, List.of(), Map.of()))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("invalid deployment 'shop/web': spec.template.spec.containers[0].image: Required value");
    }

    @Test
    void aForbiddenRequestSaysWhatWasRefused() {
        server.expect().post().withPath("/api/v1/namespaces/shop/services")
                .andReturn(403, new StatusBuilder().withCode(403).withReason("Forbidden")
                        .withMessage("services is forbidden: User \"bob\" cannot create resource \"services\" in API "
                                + "group \"\" in the namespace \"shop\"").build())
                .once();
        assertThatThrownBy(() -> k8s.createService("web", "shop", Map.of("app", "web"), List.of(new ServicePort(80, 80)),
                ServiceType.CLUSTER_IP))
                .isInstanceOf(EngineException.class)
                .hasMessage("cannot create service 'shop/web': forbidden (services is forbidden: User \"bob\" cannot "
                        + "create resource \"services\" in API group \"\" in the namespace \"shop\"): the kubeconfig's "
                        + "user needs a role that allows it");
    }

    private PodTemplateSpec template(String ns, String name) {
        return client.apps().deployments().inNamespace(ns).withName(name).get().getSpec().getTemplate();
    }
}
