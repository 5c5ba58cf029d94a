package io.capstan.cli;

import io.capstan.tck.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** containers create and networks create print the name a user works with, not the engine's 64-hex id. */
class CreatePrintsNamesIT {
    private final CliRunner cli = CliRunner.withEnvironmentEngine();
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final List<String> containers = new ArrayList<>();
    private final String network = "rest19-names-net-" + suffix;

    @AfterEach
    void cleanUp() {
        containers.forEach(c -> cli.run("containers", "rm", "-f", c));
        cli.run("networks", "rm", network);
    }

    @Test
    void createPrintsTheContainersNameAndTheNetworksName() {
        String named = "rest19-names-" + suffix;
        var created = cli.run("containers", "create", "--name", named, TestImages.BUSYBOX, "true");
        containers.add(named);
        assertThat(created.exitCode()).isZero();
        assertThat(created.out().strip()).isEqualTo(named);

        var unnamed = cli.run("containers", "create", "-l", "rest19=" + suffix, TestImages.BUSYBOX, "true");
        assertThat(unnamed.exitCode()).isZero();
        String engineName = unnamed.out().strip();
        containers.add(engineName);
        assertThat(engineName).as("the engine's name for it").doesNotMatch("[0-9a-f]{64}").matches("[a-z]+_[a-z]+");
        assertThat(cli.run("containers", "ls", "-a", "-q", "--filter", "name=" + engineName).out()).isNotBlank();

        var net = cli.run("networks", "create", network);
        assertThat(net.exitCode()).isZero();
        assertThat(net.out().strip()).isEqualTo(network);
    }
}
