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
    void theSeedsArgvOneFlagPerFileRootFirstAndTheEnvFileThenTheProjectName() throws Exception {
        Path env = Files.writeString(dir.resolve(".env"), "A=1\n");
        List<Path> files = List.of(Path.of("/b/services/docker-compose.yml"), Path.of("/b/services/web/docker-compose.yml"));
        assertThat(ComposeVia.argv(List.of("podman", "compose"), files, env, "shop", "up", new ComposeVia.VerbFlags(true, false, 10)))
                .containsExactly(List.of("podman", "compose", "-f", "/b/services/docker-compose.yml", "-f",
                        "/b/services/web/docker-compose.yml", "--env-file", env.toString(), "-p", "shop", "up", "-d"));
        assertThat(ComposeVia.argv(List.of("docker-compose"), files, dir.resolve("missing.env"), "shop", "down",
                new ComposeVia.VerbFlags(false, false, 10)))
                .containsExactly(List.of("docker-compose", "-f", "/b/services/docker-compose.yml", "-f",
                        "/b/services/web/docker-compose.yml", "-p", "shop", "down", "-t", "10"));
        var rebuild = ComposeVia.argv(List.of("docker-compose"), files, null, "shop", "rebuild", new ComposeVia.VerbFlags(true, false, 10));
        assertThat(rebuild).hasSize(3);
        assertThat(rebuild.getLast()).endsWith("-p", "shop", "up", "-d");
    }

    @Test
    void downPassesTheGracePeriodAndVolumes() {
        List<Path> files = List.of(Path.of("/b/services/docker-compose.yml"));
        assertThat(ComposeVia.argv(List.of("docker-compose"), files, null, "shop", "down", new ComposeVia.VerbFlags(false, true, 0)))
                .containsExactly(List.of("docker-compose", "-f", "/b/services/docker-compose.yml", "-p", "shop",
                        "down", "-t", "0", "--volumes"));
        assertThat(ComposeVia.argv(List.of("docker-compose"), files, null, "shop", "down", new ComposeVia.VerbFlags(false, false, null)))
                .as("without -t the tool waits each service's stop_grace_period")
                .containsExactly(List.of("docker-compose", "-f", "/b/services/docker-compose.yml", "-p", "shop", "down"));
    }
}
