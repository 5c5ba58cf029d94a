package io.capstan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.cli.output.Json;
import io.capstan.tck.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code up --target swarm} on a real three-node swarm ({@code scripts/swarm-nodes.sh}, each node a container with
 * its own engine; removed at the end): three replicas on one fixed host-mode port are accepted there (one per node,
 * where a one-node swarm refuses them) and run one on each node.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StackSwarmMultiNodeIT {
    private static final Path SCRIPT = Path.of("..", "scripts", "swarm-nodes.sh").toAbsolutePath().normalize();
    private String engine;
    private CliRunner cli;

    @TempDir
    Path dir;

    @BeforeAll
    void startNodes() throws Exception {
        List<String> out = run(SCRIPT.toString(), "up");
        engine = out.getLast().strip();
        cli = CliRunner.withEngineEnvironment(Map.of("DOCKER_HOST", engine));
    }

    @AfterAll
    void removeNodes() throws Exception {
        run(SCRIPT.toString(), "down");
    }

    private static List<String> run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(String.join(" ", command)).isZero();
        return out.lines().toList();
    }

    @Test
    void replicasOnAFixedHostPortRunOneOnEachNode() throws Exception {
        Path config = dir.resolve("config.yml");
        Files.writeString(config, "project_name: swarmstack13-multi\ndeployed_services: [app]\n"
                + "framework:\n  services:\n    app: {path: ./services/app}\n");
        Files.createDirectories(dir.resolve("services/app"));
        Files.writeString(dir.resolve("services/docker-compose.yml.j2"), "x-root: {}\n");
        Files.writeString(dir.resolve("services/app/docker-compose.yml.j2"), """
                services:
                  web:
                    image: %s
                    command: ["httpd", "-f", "-p", "80", "-h", "/"]
                    ports:
                      - {target: 80, published: 8080, mode: host}
                    networks: [back]
                    deploy: {replicas: 3, endpoint_mode: dnsrr}
                networks:
                  back: {}
                """.formatted(TestImages.BUSYBOX));

        var up = cli.run(config.toString(), "up", "--target", "swarm");
        assertThat(up.exitCode()).as(up.err()).isZero();
        JsonNode rows = Json.mapper().readTree(cli.run(config.toString(), "ps", "--target", "swarm", "--format", "json").out());
        Set<String> nodes = new HashSet<>();
        rows.forEach(row -> {
            assertThat(row.path("state").asText()).isEqualTo("running");
            nodes.add(row.path("node").asText());
        });
        assertThat(rows).hasSize(3);
        assertThat(nodes).hasSize(3);

        var down = cli.run(config.toString(), "down", "--target", "swarm");
        assertThat(down.exitCode()).as(down.err()).isZero();
        assertThat(cli.run(config.toString(), "ps", "--target", "swarm", "--format", "json").out().strip()).isEqualTo("[ ]");
    }
}
