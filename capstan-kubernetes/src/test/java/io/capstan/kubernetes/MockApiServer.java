package io.capstan.kubernetes;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;

/**
 * fabric8's mock API server in CRUD mode as a process of its own, for benchmarks that run the CLI against it:
 * {@code java -cp ... io.capstan.kubernetes.MockApiServer KUBECONFIG} writes a kubeconfig reaching it (context
 * {@code mock}, namespace {@code shop}) and serves until its standard input closes. Like the tests' mock, it stores
 * objects and runs no controllers.
 */
public final class MockApiServer {
    private MockApiServer() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: MockApiServer KUBECONFIG");
            System.exit(2);
        }
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init();
        try (var client = server.createClient()) {
            Files.writeString(Path.of(args[0]), """
                    apiVersion: v1
                    kind: Config
                    clusters: [{name: mock, cluster: {server: "%s"}}]
                    users: [{name: bench, user: {token: bench}}]
                    contexts: [{name: mock, context: {cluster: mock, user: bench, namespace: shop}}]
                    current-context: mock
                    """.formatted(client.getConfiguration().getMasterUrl()));
        }
        System.out.println("ready");
        System.out.flush();
        while (System.in.read() >= 0) {
            // serve until the benchmark closes our input
        }
        server.destroy();
    }
}
