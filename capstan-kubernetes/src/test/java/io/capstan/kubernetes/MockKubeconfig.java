package io.capstan.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A kubeconfig whose context {@code mock} (namespace {@code shop}) reaches the fabric8 mock server of a test. */
public final class MockKubeconfig {
    private MockKubeconfig() {
    }

    public static Path write(Path dir, KubernetesClient mockClient) {
        String server = mockClient.getConfiguration().getMasterUrl();
        String yaml = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: mock
                  cluster:
                    server: %s
                    insecure-skip-tls-verify: true
                users:
                - name: tester
                  user:
                    token: secret
                contexts:
                - name: mock
                  context: {cluster: mock, user: tester, namespace: shop}
                - name: other
                  context: {cluster: mock, user: tester}
                current-context: other
                """.formatted(server);
        try {
            return Files.writeString(dir.resolve("kubeconfig"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
