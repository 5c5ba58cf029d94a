package io.capstan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.cli.output.Json;
import io.capstan.tck.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

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
@Execution(ExecutionMode.CONCURRENT) // on node engines of its own: runs beside the other tests (docs/testing.md)
@ResourceLock("capstan-swarm-nodes") // the one set of nodes (and its methods one after another)
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

    private Path project(String name, String compose) throws IOException {
        Path root = dir.resolve(name);
        Files.createDirectories(root.resolve("services/app"));
        Files.writeString(root.resolve("config.yml"), "project_name: " + name + "\ndeployed_services: [app]\n"
                + "framework:\n  services:\n    app: {path: ./services/app}\n");
        Files.writeString(root.resolve("services/docker-compose.yml.j2"), "x-root: {}\n");
        Files.writeString(root.resolve("services/app/docker-compose.yml.j2"), compose);
        return root.resolve("config.yml");
    }

    @Test
    void aWorkerEngineIsRefusedInOneLineAndNothingIsCreated() throws Exception {
        Path config = project("swarmstack13-worker", """
                services:
                  web:
                    image: %s
                    command: ["sleep", "600"]
                """.formatted(TestImages.BUSYBOX));
        String worker = run("docker", "inspect", "-f", "{{ (index .NetworkSettings.Networks \"capstan-swarm-nodes\").IPAddress }}",
                "capstan-swarm-node-2").getFirst().strip();
        var onWorker = CliRunner.withEngineEnvironment(Map.of("DOCKER_HOST", "tcp://" + worker + ":2375"));

        var up = onWorker.run(config.toString(), "up", "--target", "swarm");

        assertThat(up.exitCode()).isEqualTo(1);
        assertThat(up.errLines().getLast()).isEqualTo("capstan: this engine is not a swarm manager (it is a worker of a "
                + "swarm): name a manager's engine with --engine, or promote this node on a manager");
        assertThat(cli.run(config.toString(), "ps", "--target", "swarm", "--format", "json").out().strip()).isEqualTo("[ ]");
    }

    @Test
    void anImageBuiltOnTheManagerOnlyIsReportedWithTheNodesThatLackIt() throws Exception {
        Path config = project("swarmstack13-built", """
                services:
                  app:
                    build: {context: ., dockerfile_inline: "FROM %s\\nRUN echo built > /built"}
                    image: swarmstack13-built-app:latest
                    command: ["sleep", "600"]
                    deploy: {mode: global}
                """.formatted(TestImages.BUSYBOX));
        try {
            var up = cli.run(config.toString(), "up", "--target", "swarm", "-t", "25");

            assertThat(up.exitCode()).as(up.out() + up.err()).isEqualTo(1);
            assertThat(up.err()).contains("node 'capstan-swarm-node-2' lacks image 'swarmstack13-built-app:latest'")
                    .contains("node 'capstan-swarm-node-3' lacks image 'swarmstack13-built-app:latest'")
                    .doesNotContain("node 'capstan-swarm-node-1' lacks");
            assertThat(up.errLines().getLast()).startsWith("capstan: not converged after 25s: swarmstack13-built_app 1/3 running")
                    .endsWith("; nodes lacking image 'swarmstack13-built-app:latest': capstan-swarm-node-2, capstan-swarm-node-3");
        } finally {
            cli.run(config.toString(), "down", "--target", "swarm");
        }
    }
}
