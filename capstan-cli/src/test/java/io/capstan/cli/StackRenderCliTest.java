package io.capstan.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code capstan CONFIG render --target kubernetes}: manifests without an engine, warnings and renames on stderr. */
class StackRenderCliTest {
    @TempDir
    Path dir;

    private CliRunner cli() {
        return CliRunner.withEngineDown(dir.resolve("no-engine.sock").toString());
    }

    private Path project() throws Exception {
        Files.createDirectories(dir.resolve("services/web"));
        Files.writeString(dir.resolve("services/docker-compose.yml.j2"), "networks: {}\n");
        Files.writeString(dir.resolve("services/web/docker-compose.yml.j2"), """
                services:
                  Web_1:
                    image: busybox
                    container_name: fixed
                    ports: ["30080:80"]
                """);
        return Files.writeString(dir.resolve("config.yml"),
                "project_name: shop\ndeployed_services: [web]\nframework:\n  services:\n    web: {path: ./services/web}\n");
    }

    @Test
    void writesOneFilePerObjectAndSaysWhatItRenamedAndLeftOut() throws Exception {
        Path out = dir.resolve("k8s");
        var result = cli().run(project().toString(), "render", "--target", "kubernetes", "-o", out.toString());
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out().lines().map(l -> Path.of(l).getFileName().toString()))
                .containsExactly("service-web-1.yaml", "deployment-web-1.yaml");
        assertThat(Files.readString(out.resolve("service-web-1.yaml"))).contains("type: \"NodePort\"", "nodePort: 30080");
        assertThat(result.errLines()).contains("capstan: 'Web_1' is named 'web-1' on Kubernetes (names there are "
                + "lower-case letters, digits and '-')");
        assertThat(result.errLines()).anyMatch(l -> l.matches("capstan: warning: build/services/web/docker-compose.yml:4 "
                + "\\(from services/web/docker-compose.yml.j2:4\\): service 'Web_1': container_name cannot be expressed "
                + "on Kubernetes by Capstan and is ignored"));
    }

    @Test
    void withoutADirectoryPrintsOneYamlStream() throws Exception {
        var result = cli().run(project().toString(), "render", "--target", "kubernetes");
        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).startsWith("---\napiVersion: \"v1\"\nkind: \"Service\"").contains("\n---\napiVersion: \"apps/v1\"\nkind: \"Deployment\"");
    }

    @Test
    void renderNeedsTheKubernetesTargetAndOutputOnlyGoesWithRender() throws Exception {
        var noTarget = cli().run(project().toString(), "render");
        assertThat(noTarget.errLines()).containsExactly("capstan: render needs --target kubernetes");
        var swarm = cli().run(project().toString(), "render", "--target", "swarm");
        assertThat(swarm.errLines()).containsExactly("capstan: render needs --target kubernetes, not 'swarm'");
        var ps = cli().run(project().toString(), "ps", "-o", "x");
        assertThat(ps.errLines()).containsExactly("capstan: -o is accepted only with render, not with ps");
    }
}
