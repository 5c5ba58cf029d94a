package io.capstan.cli;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.ContainerFilter;
import io.capstan.core.engine.ExecOptions;
import io.capstan.core.label.Labels;
import io.capstan.docker.EngineLocator;
import io.capstan.stack.run.StackLabels;
import io.capstan.tck.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** network_mode service: and container:, and a fixed address outside its subnet, through the command line. */
class NetworkModeIT {
    private final CliRunner cli = CliRunner.withEnvironmentEngine();
    private final ContainerEngine engine = EngineLocator.fromEnvironment().locate(null);
    private final String project = "net18mode-" + UUID.randomUUID().toString().substring(0, 8);

    @TempDir
    Path dir;
    Path config;

    @BeforeEach
    void writeConfig() throws IOException {
        config = dir.resolve("config.yml");
        Files.writeString(config, "project_name: " + project + "\ndeployed_services: [box]\n"
                + "framework:\n  services:\n    box: {path: ./services/box}\n");
        Files.createDirectories(dir.resolve("services/box"));
        Files.writeString(dir.resolve("services/docker-compose.yml.j2"), """
                networks:
                  net:
                    ipam:
                      config: [{subnet: 172.28.196.0/24}]
                """);
    }

    private void services(String text) throws IOException {
        Files.writeString(dir.resolve("services/box/docker-compose.yml.j2"), text.replace("IMAGE", TestImages.BUSYBOX));
    }

    @AfterEach
    void down() {
        cli.run(config.toString(), "down", "-t", "0");
        engine.close();
    }

    @Test
    void aServiceInAnotherServicesNetworkStackIsReplacedWithIt() throws IOException {
        String stack = """
                services:
                  box:
                    image: IMAGE
                    command: [sleep, "3600"]
                    environment: {GENERATION: "%s"}
                    networks:
                      net: {ipv4_address: 172.28.196.10}
                  side:
                    image: IMAGE
                    command: [sleep, "3600"]
                    network_mode: service:box
                """;
        services(stack.formatted("1"));
        var up = cli.run(config.toString(), "up", "-d");
        assertThat(up.exitCode()).as(up.err()).isZero();
        String sideBefore = containerOf("side");
        assertThat(addressIn(sideBefore)).as("side sees box's network").contains("inet 172.28.196.10/24");

        services(stack.formatted("2"));
        assertThat(cli.run(config.toString(), "plan").out()).contains("recreate  box", "environment changed",
                "recreate  side", "network_mode changed");
        var again = cli.run(config.toString(), "up", "-d");
        assertThat(again.exitCode()).as(again.err()).isZero();

        String sideAfter = containerOf("side");
        assertThat(sideAfter).isNotEqualTo(sideBefore);
        assertThat(addressIn(sideAfter)).as("side sees the new box's network").contains("inet 172.28.196.10/24");
        assertThat(cli.run(config.toString(), "plan").out()).contains("Nothing to do");
    }

    @Test
    void aContainerThatDoesNotExistIsAnErrorBeforeAnythingIsCreated() throws IOException {
        String missing = project + "-no-such-container";
        services("""
                services:
                  box:
                    image: IMAGE
                    command: [sleep, "3600"]
                    networks: [net]
                  side:
                    image: IMAGE
                    network_mode: container:%s
                """.formatted(missing));
        var up = cli.run(config.toString(), "up", "-d");
        assertThat(up.exitCode()).isEqualTo(Main.FAILED);
        assertThat(up.err()).contains("services/box/docker-compose.yml:6: service 'side' uses the network stack of "
                + "container '" + missing + "', which does not exist: start it first");
        assertThat(engine.containers().list(ContainerFilter.allWithLabels(StackLabels.filter(project)))).isEmpty();
        assertThat(engine.networks().list(StackLabels.filter(project))).isEmpty();
    }

    @Test
    void aFixedAddressOutsideItsSubnetIsOneLineWithFileAndLineAndNothingIsCreated() throws IOException {
        services("""
                services:
                  box:
                    image: IMAGE
                    networks:
                      net:
                        ipv4_address: 172.20.0.2
                """);
        var up = cli.run(config.toString(), "up", "-d");
        assertThat(up.exitCode()).isEqualTo(Main.FAILED);
        assertThat(up.errLines()).contains("capstan: build/services/box/docker-compose.yml:6 (from services/box/docker-compose.yml.j2:6): service 'box': "
                + "ipv4_address 172.20.0.2 is outside network 'net' (subnet 172.28.196.0/24): pick an address inside it");
        assertThat(engine.networks().list(StackLabels.filter(project))).isEmpty();
    }

    @Test
    void aChangedSubnetIsReportedBeforeAnythingChanges() throws IOException {
        services("services:\n  box:\n    image: IMAGE\n    command: [sleep, '3600']\n    networks: [net]\n");
        var up = cli.run(config.toString(), "up", "-d");
        assertThat(up.exitCode()).as(up.err()).isZero();
        String box = containerOf("box");
        Files.writeString(dir.resolve("services/docker-compose.yml.j2"), Files.readString(dir.resolve(
                "services/docker-compose.yml.j2")).replace("172.28.196.0/24", "172.28.195.0/24"));

        for (String verb : new String[] {"plan", "up"}) {
            var refused = cli.run(config.toString(), verb);
            assertThat(refused.exitCode()).as(verb).isEqualTo(Main.FAILED);
            assertThat(refused.errLines()).as(verb).contains("capstan: network '" + project + "_net' (networks.net) exists "
                    + "with subnets [172.28.196.0/24], but the files ask for [172.28.195.0/24]: a network cannot change "
                    + "in place; take the stack down first so that up creates it again");
        }
        assertThat(containerOf("box")).isEqualTo(box);
    }

    private String containerOf(String service) {
        return engine.containers().list(ContainerFilter.allWithLabels(Map.of(Labels.STACK, project, Labels.SERVICE, service)))
                .getFirst().id();
    }

    private String addressIn(String container) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        engine.containers().exec(container, ExecOptions.of("ip", "-4", "-o", "addr"), null, out, new ByteArrayOutputStream());
        return out.toString(StandardCharsets.UTF_8);
    }
}
