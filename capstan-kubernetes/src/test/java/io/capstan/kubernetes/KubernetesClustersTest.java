package io.capstan.kubernetes;

import io.capstan.core.error.InvalidSpecException;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reaching a cluster (fabric8's mock API server) through a kubeconfig, its contexts and a namespace. */
@EnableKubernetesMockClient(crud = true)
class KubernetesClustersTest {
    static KubernetesMockServer server;
    static KubernetesClient client;

    @TempDir
    Path dir;

    @Test
    void aContextOfTheKubeconfigChoosesTheClusterAndTheDefaultNamespace() {
        Path kubeconfig = MockKubeconfig.write(dir, client);
        try (var k8s = KubernetesClusters.connect(new KubeAccess(kubeconfig, "mock", null))) {
            assertThat(k8s.defaultNamespace()).isEqualTo("shop");
            k8s.createDeployment("web", null, "nginx:1.27", 2, List.of(), Map.of());
        }
        assertThat(client.apps().deployments().inNamespace("shop").withName("web").get()).isNotNull();

        try (var k8s = KubernetesClusters.connect(new KubeAccess(kubeconfig, "mock", "team-a"))) {
            assertThat(k8s.defaultNamespace()).isEqualTo("team-a");
        }
        try (var k8s = KubernetesClusters.connect(new KubeAccess(kubeconfig, null, null))) {
            assertThat(k8s.defaultNamespace()).as("the current context has no namespace").isEqualTo("default");
            assertThat(k8s.listDeployments("shop")).extracting(d -> d.name()).contains("web");
        }
    }

    @Test
    void aWrongKubeconfigOrContextIsOneLine() {
        Path kubeconfig = MockKubeconfig.write(dir, client);
        assertThatThrownBy(() -> KubernetesClusters.connect(new KubeAccess(kubeconfig, "prod", null)))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessage("context 'prod' not found in kubeconfig '" + kubeconfig + "': expected one of [mock, other]");
        assertThatThrownBy(() -> KubernetesClusters.connect(new KubeAccess(dir.resolve("none"), null, null)))
                .hasMessage("kubeconfig '" + dir.resolve("none") + "' not found: expected a file such as ~/.kube/config");
        assertThatThrownBy(() -> KubernetesClusters.connect(new KubeAccess(kubeconfig, "mock", "Team_A")))
                .hasMessageStartingWith("invalid namespace name 'Team_A': expected at most 63 lower-case letters");
    }

    @Test
    void aServerThatDoesNotAnswerSaysSo() throws Exception {
        Path kubeconfig = java.nio.file.Files.writeString(dir.resolve("down"), """
                apiVersion: v1
                kind: Config
                clusters: [{name: down, cluster: {server: "https://127.0.0.1:9"}}]
                users: [{name: u, user: {token: t}}]
                contexts: [{name: down, context: {cluster: down, user: u}}]
                current-context: down
                """);
        try (var k8s = KubernetesClusters.connect(new KubeAccess(kubeconfig, null, null))) {
            assertThatThrownBy(k8s::listNamespaces)
                    .isInstanceOf(io.capstan.core.error.EngineUnavailableException.class)
                    .hasMessageStartingWith("cannot list namespaces: no Kubernetes API server answered at https://127.0.0.1:9/ (connection refused")
                    .hasMessageEndingWith("): check --kubeconfig and --context");
        }
    }
}
