package io.capstan.kubernetes.examples;

import io.capstan.kubernetes.MockKubeconfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The example program's Kubernetes half against fabric8's mock API server (no real cluster runs here), by kubeconfig. */
@EnableKubernetesMockClient(crud = true)
class SeedExamplesTest {
    static KubernetesMockServer server;
    static KubernetesClient client;

    @TempDir
    Path dir;

    @Test
    void theKubernetesExampleRunsEndToEndAndLeavesNothing() {
        Path kubeconfig = MockKubeconfig.write(dir, client);

        String out = SeedExamplesProgram.run(dir, "kubernetes", kubeconfig.toString(), "mock");

        assertThat(out).isEqualTo("""
                Namespace: toronto-ai
                Deployment: toronto-ai-app, Replicas: 3
                Service: toronto-ai-service, Type: LoadBalancer
                Deployment: toronto-ai-app, Replicas: 5
                Deleted: toronto-ai
                """);
        assertThat(client.namespaces().withName("toronto-ai").get()).isNull();
        assertThat(client.apps().deployments().inAnyNamespace().list().getItems()).isEmpty();
        assertThat(client.services().inAnyNamespace().list().getItems()).isEmpty();
    }
}
