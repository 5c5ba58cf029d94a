package io.capstan.stack.compose;

import io.capstan.core.error.ConfigException;
import io.capstan.core.spec.ImageBuild;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** build: sub-keys the classic builder takes are read; what needs BuildKit is refused with file:line. */
class BuildKeysTest {
    @TempDir
    Path dir;

    private ComposeProject load(String build) throws IOException {
        Files.createDirectories(dir.resolve("app"));
        Path file = Files.writeString(dir.resolve("compose.yml"), "services:\n  web:\n    build:\n      context: ./app\n" + build);
        return new ComposeLoader(Map.of(), dir).load(List.of(file), "b");
    }

    @Test
    void theClassicBuildersKeysAreRead() throws IOException {
        ComposeProject project = load("""
                      dockerfile_inline: |
                        FROM busybox
                        RUN true
                      cache_from: [b-web:cache]
                      tags: [registry.example/web:1.2, web:latest]
                      network: host
                      shm_size: 256m
                      labels: {org.example.team: web}
                      extra_hosts: ["mirror:10.0.0.5"]
                """);
        ComposeProject.Build build = project.services().get("web").build();
        assertThat(build.options()).isEqualTo(new ImageBuild.Options("FROM busybox\nRUN true\n", List.of("b-web:cache"),
                "host", 256L << 20, List.of("mirror:10.0.0.5")));
        assertThat(build.tags()).containsExactly("registry.example/web:1.2", "web:latest");
        assertThat(build.labels()).containsExactly(Map.entry("org.example.team", "web"));
        assertThat(project.warnings()).isEmpty();
        assertThat(String.valueOf(ComposeConfig.of(project))).contains("dockerfile_inline=FROM busybox")
                .contains("tags=[registry.example/web:1.2, web:latest]").contains("shm_size=268435456")
                .doesNotContain("dockerfile=Dockerfile");
    }

    @Test
    void whatNeedsBuildKitIsRefusedWithItsLine() {
        assertThatThrownBy(() -> load("      secrets: [npm_token]\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("compose.yml:5: build.secrets needs BuildKit (to mount secrets into RUN steps), which the "
                        + "engine's classic builder that Capstan uses does not have: remove it, or build the image with "
                        + "'docker buildx build' and use image:");
        assertThatThrownBy(() -> load("      ssh: [default]\n")).hasMessageStartingWith("compose.yml:5: build.ssh needs BuildKit");
        assertThatThrownBy(() -> load("      additional_contexts: {base: ../base}\n"))
                .hasMessageStartingWith("compose.yml:5: build.additional_contexts needs BuildKit");
    }

    @Test
    void otherKeysAreWarnedAboutAndBothDockerfilesRefused() throws IOException {
        assertThat(load("      platforms: [linux/arm64]\n").warnings())
                .containsExactly("compose.yml:5: build key 'platforms' is not supported and is ignored");
        assertThatThrownBy(() -> load("      dockerfile: X\n      dockerfile_inline: FROM busybox\n"))
                .hasMessage("compose.yml:6: build sets both dockerfile and dockerfile_inline: keep one");
    }
}
