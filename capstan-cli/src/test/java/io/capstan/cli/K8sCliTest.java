package io.capstan.cli;

import io.fabric8.kubernetes.api.model.StatusBuilder;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code capstan k8s} against fabric8's mock API server in CRUD mode, reached through a kubeconfig as a cluster would
 * be (no real cluster runs here; the mock runs no controllers, so pods only exist when created directly).
 */
@EnableKubernetesMockClient(crud = true)
class K8sCliTest {
    static KubernetesMockServer server;
    static KubernetesClient client;

    @TempDir
    Path dir;
    private Path kubeconfig;
    private final CliRunner cli = CliRunner.withEnvironmentEngine();

    @BeforeEach
    void kubeconfig() throws IOException {
        server.clearExpectations();
        client.namespaces().list().getItems().forEach(n -> client.resource(n).delete());
        client.apps().deployments().inAnyNamespace().list().getItems().forEach(d -> client.resource(d).delete());
        client.services().inAnyNamespace().list().getItems().forEach(s -> client.resource(s).delete());
        client.pods().inAnyNamespace().list().getItems().forEach(p -> client.resource(p).delete());
        kubeconfig = Files.writeString(dir.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters: [{name: mock, cluster: {server: "%s", insecure-skip-tls-verify: true}}]
                users: [{name: tester, user: {token: secret}}]
                contexts: [{name: mock, context: {cluster: mock, user: tester, namespace: shop}}]
                current-context: mock
                """.formatted(client.getConfiguration().getMasterUrl()));
    }

    private CliRunner.Result k8s(String... args) {
        List<String> all = new ArrayList<>(List.of("k8s"));
        all.addAll(List.of(args));
        all.addAll(List.of("--kubeconfig", kubeconfig.toString()));
        return cli.run(all.toArray(String[]::new));
    }

    @Test
    void deploymentsAreCreatedListedScaledUpdatedAndRemoved() {
        var created = k8s("deployments", "create", "--image", "nginx:1.27", "--replicas", "3", "-p", "80",
                "-e", "MODE=prod", "web");
        assertThat(created.err()).isEmpty();
        assertThat(created.out()).isEqualTo("deployment shop/web created\n");

        assertThat(k8s("deployments", "ls").out()).isEqualTo("""
                NAME   NAMESPACE   REPLICAS   IMAGE        PORTS
                web    shop        3          nginx:1.27   80/TCP
                """);
        assertThat(k8s("deployments", "scale", "web", "5").out()).isEqualTo("deployment shop/web scaled to 5\n");
        assertThat(k8s("deployments", "update", "--image", "nginx:1.28", "web").out())
                .isEqualTo("deployment shop/web updated\n");
        assertThat(k8s("deployments", "get", "web", "--format", "json").out()).contains(
                "\"image\" : \"nginx:1.28\"", "\"replicas\" : 5", "\"container_port\" : 80", "\"MODE\" : \"prod\"");
        assertThat(k8s("deployments", "get", "web", "--format", "yaml").out()).contains(
                "name: web", "namespace: shop", "image: nginx:1.28", "replicas: 5", "- container_port: 80",
                "  protocol: TCP", "environment:\n  MODE: prod");

        assertThat(k8s("deployments", "rm", "web").out()).isEqualTo("deployment web deleted\n");
        var gone = k8s("deployments", "get", "web");
        assertThat(gone.exitCode()).isEqualTo(1);
        assertThat(gone.err()).isEqualTo("capstan: deployment 'shop/web' not found\n");
    }

    @Test
    void theNamespaceOptionChoosesWhereObjectsGo() {
        assertThat(k8s("namespaces", "create", "--label", "team=ai", "toronto-ai").out())
                .isEqualTo("namespace toronto-ai created\n");
        assertThat(k8s("pods", "create", "-n", "toronto-ai", "--image", "busybox:1.36", "worker").out())
                .isEqualTo("pod toronto-ai/worker created\n");
        assertThat(k8s("pods", "ls", "-n", "toronto-ai").out()).isEqualTo("""
                NAME     NAMESPACE    STATUS    IMAGE          PORTS
                worker   toronto-ai   Unknown   busybox:1.36   -
                """);
        assertThat(k8s("pods", "ls").out()).as("the context's namespace, shop, has none")
                .isEqualTo("NAME   NAMESPACE   STATUS   IMAGE   PORTS\n");
        assertThat(k8s("namespaces", "ls").out()).contains("toronto-ai", "team=ai");
        assertThat(k8s("namespaces", "update", "--label", "tier=prod", "toronto-ai").exitCode()).isZero();
        assertThat(k8s("namespaces", "get", "toronto-ai", "--format", "json").out())
                .contains("\"tier\" : \"prod\"").doesNotContain("team");

        assertThat(k8s("pods", "update", "-n", "toronto-ai", "--image", "busybox:1.37", "worker").exitCode()).isZero();
        assertThat(k8s("pods", "get", "-n", "toronto-ai", "worker").out()).contains("busybox:1.37");
        server.expect().get().withPath("/api/v1/namespaces/toronto-ai/pods/worker/log?pretty=false&tailLines=1")
                .andReturn(200, "done\n").once();
        assertThat(k8s("pods", "logs", "-n", "toronto-ai", "--tail", "1", "worker").out()).isEqualTo("done\n");
        assertThat(k8s("pods", "rm", "-n", "toronto-ai", "worker").out()).isEqualTo("pod worker deleted\n");
        assertThat(k8s("namespaces", "rm", "toronto-ai").out()).isEqualTo("namespace toronto-ai deleted\n");
    }

    @Test
    void servicesOfEveryTypeAndTheirChanges() {
        assertThat(k8s("services", "create", "-p", "80:8080", "web").exitCode()).isZero();
        assertThat(k8s("services", "create", "--type", "NodePort", "-p", "80:8080:30080", "web-node").exitCode()).isZero();
        assertThat(k8s("services", "create", "--type", "loadbalancer", "--selector", "app=web", "-p", "443:8443",
                "web-lb").exitCode()).isZero();
        assertThat(k8s("services", "create", "--type", "ExternalName", "--external-name", "db.example.com", "db")
                .exitCode()).isZero();

        assertThat(k8s("services", "ls").out()).isEqualTo("""
                NAME       NAMESPACE   TYPE           SELECTOR       PORTS               EXTERNAL NAME
                db         shop        ExternalName   -              -                   db.example.com
                web        shop        ClusterIP      app=web        80:8080/TCP         -
                web-lb     shop        LoadBalancer   app=web        443:8443/TCP        -
                web-node   shop        NodePort       app=web-node   80:8080:30080/TCP   -
                """);
        assertThat(k8s("services", "update", "--type", "ClusterIP", "web-node").exitCode()).isZero();
        assertThat(k8s("services", "get", "web-node").out()).contains("ClusterIP", "80:8080/TCP")
                .doesNotContain("30080");
        assertThat(k8s("services", "get", "db", "--format", "json").out())
                .contains("\"service_type\" : \"ExternalName\"", "\"external_name\" : \"db.example.com\"");
    }

    @Test
    void badInputAndRefusalsAreOneLine() {
        var noName = k8s("services", "create", "--type", "ExternalName", "db");
        assertThat(noName.exitCode()).isEqualTo(1);
        assertThat(noName.err()).isEqualTo("capstan: service 'db' of type ExternalName needs the DNS name it stands "
                + "for (--external-name such as db.example.com)\n");
        assertThat(k8s("services", "create", "--type", "Ingress", "web").err())
                .isEqualTo("capstan: invalid service type 'Ingress': expected ClusterIP, NodePort, LoadBalancer, "
                        + "ExternalName\n");
        assertThat(k8s("deployments", "create", "--image", "nginx", "-p", "http", "web").err())
                .isEqualTo("capstan: invalid port 'http': expected PORT[/PROTOCOL], such as 8080 or 53/udp\n");

        k8s("deployments", "create", "--image", "nginx:1.27", "web");
        assertThat(k8s("deployments", "create", "--image", "nginx:1.27", "web").err())
                .isEqualTo("capstan: deployment 'shop/web' already exists\n");

        server.expect().put().withPath("/apis/apps/v1/namespaces/shop/deployments/web")
                .andReturn(422, new StatusBuilder().withCode(422).withReason("Invalid").withNewDetails()
                        .addNewCause().withField("spec.template.spec.containers[0].image")
                        .withMessage("Invalid value: \"NGINX\": must be lower case").endCause().endDetails().build())
                .once();
        assertThat(k8s("deployments", "update", "--image", "NGINX", "web").err())
                .isEqualTo("capstan: invalid deployment 'shop/web': spec.template.spec.containers[0].image: Invalid "
                        + "value: \"NGINX\": must be lower case\n");

        server.expect().delete().withPath("/apis/apps/v1/namespaces/shop/deployments/web")
                .andReturn(403, new StatusBuilder().withCode(403).withReason("Forbidden")
                        .withMessage("deployments.apps \"web\" is forbidden: User \"bob\" cannot delete resource").build())
                .once();
        assertThat(k8s("deployments", "rm", "web").err())
                .isEqualTo("capstan: cannot delete deployment 'shop/web': forbidden (deployments.apps \"web\" is "
                        + "forbidden: User \"bob\" cannot delete resource): the kubeconfig's user needs a role that "
                        + "allows it\n");

        var context = cli.run("k8s", "pods", "ls", "--kubeconfig", kubeconfig.toString(), "--context", "prod");
        assertThat(context.err()).isEqualTo("capstan: context 'prod' not found in kubeconfig '" + kubeconfig
                + "': expected one of [mock]\n");
    }
}
