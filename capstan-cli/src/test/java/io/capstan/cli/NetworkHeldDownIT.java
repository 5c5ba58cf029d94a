package io.capstan.cli;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.ContainerFilter;
import io.capstan.core.spec.ContainerSpec;
import io.capstan.docker.EngineLocator;
import io.capstan.stack.run.StackLabels;
import io.capstan.tck.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code down} when something that is not the stack's holds one of its networks: one line naming the network. */
class NetworkHeldDownIT {
    private final CliRunner cli = CliRunner.withEnvironmentEngine();
    private final ContainerEngine engine = EngineLocator.fromEnvironment().locate(null);
    private final String project = "chaos17-held-" + UUID.randomUUID().toString().substring(0, 8);
    private String stranger;

    @TempDir
    Path dir;

    @AfterEach
    void cleanUp() {
        if (stranger != null) {
            engine.containers().remove(stranger, true, false);
        }
        engine.containers().list(ContainerFilter.allWithLabels(StackLabels.filter(project)))
                .forEach(c -> engine.containers().remove(c.id(), true, false));
        engine.networks().list(StackLabels.filter(project)).forEach(n -> engine.networks().remove(n.id()));
        engine.close();
    }

    @Test
    void aNetworkHeldByAContainerOfNoStackIsNamedAndTheStacksContainersAreGone() throws Exception {
        Path config = dir.resolve("config.yml");
        Files.writeString(config, "project_name: " + project + "\ndeployed_services: [app]\n"
                + "framework:\n  services:\n    app: {path: ./services/app}\n");
        Files.createDirectories(dir.resolve("services/app"));
        Files.writeString(dir.resolve("services/docker-compose.yml.j2"), "networks:\n  front: {}\n");
        Files.writeString(dir.resolve("services/app/docker-compose.yml.j2"), """
                services:
                  app:
                    image: %s
                    command: ["sleep", "300"]
                    networks: [front]
                """.formatted(TestImages.BUSYBOX));
        var up = cli.run(config.toString(), "up", "-d");
        assertThat(up.exitCode()).as(up.err()).isZero();
        stranger = engine.containers().create(ContainerSpec.builder(TestImages.BUSYBOX).name(project + "-stranger")
                .command("sleep", "300").build());
        engine.containers().start(stranger);
        engine.networks().connect(project + "_front", stranger);

        var down = cli.run(config.toString(), "down", "-t", "0");

        assertThat(down.exitCode()).isEqualTo(Main.FAILED);
        assertThat(down.errLines()).contains("capstan: network '" + project + "_front' of stack '" + project
                + "' is still in use after the stack's containers were removed: disconnect what `docker network "
                + "inspect " + project + "_front` lists and run down again (if it lists nothing, the engine holds a "
                + "stale endpoint that only its restart clears)");
        assertThat(engine.containers().list(ContainerFilter.allWithLabels(StackLabels.filter(project)))).isEmpty();
        assertThat(engine.containers().inspect(stranger).labels()).doesNotContainKey("io.capstan.stack");
    }
}
