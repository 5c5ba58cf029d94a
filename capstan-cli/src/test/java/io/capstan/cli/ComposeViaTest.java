package io.capstan.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ComposeViaTest {
    @TempDir
    Path dir;

    @Test
    void theSeedsArgvOneFlagPerFileRootFirstAndTheEnvFile() throws Exception {
        Path env = Files.writeString(dir.resolve(".env"), "A=1\n");
        List<Path> files = List.of(Path.of("/b/services/docker-compose.yml"), Path.of("/b/services/web/docker-compose.yml"));
        assertThat(ComposeVia.argv(List.of("podman", "compose"), files, env, "up", true)).containsExactly(List.of(
                "podman", "compose", "-f", "/b/services/docker-compose.yml", "-f", "/b/services/web/docker-compose.yml",
                "--env-file", env.toString(), "up", "-d"));
        assertThat(ComposeVia.argv(List.of("docker-compose"), files, dir.resolve("missing.env"), "down", false))
                .containsExactly(List.of("docker-compose", "-f", "/b/services/docker-compose.yml", "-f",
                        "/b/services/web/docker-compose.yml", "down"));
        var rebuild = ComposeVia.argv(List.of("docker-compose"), files, null, "rebuild", true);
        assertThat(rebuild).hasSize(3);
        assertThat(rebuild.getLast()).endsWith("up", "-d");
    }
}
