package io.capstan.cli;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code capstan server --target kubernetes} from the command line, against fabric8's mock API server in CRUD mode
 * reached through a kubeconfig, with no Docker engine anywhere: a cluster that cannot be used stops the start in one
 * line with nothing made; a usable one runs desired images as Deployments without an engine.
 */
@EnableKubernetesMockClient(crud = true)
class ServerKubernetesCliTest {
    private static final String NS = "k8sserver14";
    static KubernetesMockServer server;
    static KubernetesClient client;

    @TempDir
    Path dir;
    private Path data;
    private CliRunner cli;

    @BeforeEach
    void setUp() {
        server.clearExpectations();
        data = dir.resolve("data");
        cli = CliRunner.withEngineDown(dir.resolve("no-engine.sock").toString());
    }

    private Path kubeconfig(String url) throws IOException {
        return Files.writeString(dir.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters: [{name: mock, cluster: {server: "%s", insecure-skip-tls-verify: true}}]
                users: [{name: tester, user: {token: secret}}]
                contexts: [{name: mock, context: {cluster: mock, user: tester, namespace: %s}}]
                current-context: mock
                """.formatted(url, NS));
    }

    private CliRunner.Result server(String... more) {
        // its own database, never the user's default one
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("server", "--target", "kubernetes",
                "--port", "0", "--data-dir", data.toString(), "--db", dir.resolve("capstan.db").toString()));
        args.addAll(java.util.List.of(more));
        return cli.run(args.toArray(String[]::new));
    }

    private void assertRefusedInOneLine(CliRunner.Result r, String expected) {
        assertThat(r.exitCode()).as(r.err()).isNotZero();
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.err()).contains(expected).doesNotContain("Exception");
        assertThat(data).as("nothing made").doesNotExist();
        assertThat(dir.resolve("capstan.db")).as("no database made").doesNotExist();
    }

    @Test
    void aMissingKubeconfigIsOneLineAndNothingStarts() {
        assertRefusedInOneLine(server("--kubeconfig", dir.resolve("nope").toString()),
                "kubeconfig '" + dir.resolve("nope") + "' not found");
    }

    @Test
    void anApiServerThatDoesNotAnswerIsOneLineAndNothingStarts() throws IOException {
        assertRefusedInOneLine(server("--kubeconfig", kubeconfig("https://127.0.0.1:1").toString()),
                "no Kubernetes API server answered at https://127.0.0.1:1");
    }

    @Test
    void aForbiddenNamespaceIsOneLineAndNothingStarts() throws IOException {
        server.expect().get().withPath("/apis/apps/v1/namespaces/locked/deployments?labelSelector="
                        + "io.capstan.owner%3Dtrue%2Capp.kubernetes.io%2Fmanaged-by%3Dcapstan")
                .andReturn(403, new StatusBuilder().withCode(403).withReason("Forbidden").withMessage("deployments.apps "
                        + "is forbidden: User \"tester\" cannot list resource \"deployments\" in namespace \"locked\"")
                        .build()).always();
        assertRefusedInOneLine(server("--kubeconfig", kubeconfig(client.getConfiguration().getMasterUrl()).toString(),
                "-n", "locked"), "forbidden");
    }

    @Test
    void clusterOptionsGoOnlyWithTheKubernetesTarget() throws IOException {
        CliRunner.Result r = cli.run("server", "--target", "swarm", "--data-dir", data.toString(),
                "--db", dir.resolve("capstan.db").toString(),
                "--kubeconfig", kubeconfig(client.getConfiguration().getMasterUrl()).toString());
        assertRefusedInOneLine(r, "--kubeconfig, --context and --namespace go with --target kubernetes");
    }

    @Test
    void theServerRunsDesiredImagesAsDeploymentsWithNoEngine() throws Exception {
        Path config = kubeconfig(client.getConfiguration().getMasterUrl());
        // the server runs until the JVM ends (its shutdown hook stops it), so it gets a thread of its own
        Thread.ofVirtual().start(() -> server("--kubeconfig", config.toString(), "--no-auth"));
        Path portFile = data.resolve(LocalServer.PORT_FILE);
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(portFile) && Files.size(portFile) > 0);
        URI base = URI.create("http://127.0.0.1:" + Files.readString(portFile).strip());
        String image = URLEncoder.encode("registry.example/k8sserver14/web:1", StandardCharsets.UTF_8);
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> put = http.send(HttpRequest.newBuilder(base.resolve("/containers/" + image + "/desired"))
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"min_replicas\": 1, \"max_replicas\": 3, \"replicas\": 2}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(client.apps().deployments().inNamespace(NS)
                .list().getItems()).singleElement().satisfies(d -> assertThat(d.getSpec().getReplicas()).isEqualTo(2)));
    }
}
