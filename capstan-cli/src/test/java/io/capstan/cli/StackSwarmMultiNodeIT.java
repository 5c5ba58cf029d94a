package io.capstan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.cli.output.Json;
import io.capstan.tck.SwarmNodes;
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
import static org.awaitility.Awaitility.await;

/**
 * {@code up --target swarm} on a real three-node swarm ({@code scripts/swarm-nodes.sh}, each node a container with
 * its own engine; removed at the end): three replicas on one fixed host-mode port are accepted there (one per node,
 * where a one-node swarm refuses them) and run one on each node.
 */
@Execution(ExecutionMode.CONCURRENT) // on node engines of its own: runs beside the other tests (docs/testing.md)
@ResourceLock("capstan-swarm-nodes") // the one set of nodes (and its methods one after another)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StackSwarmMultiNodeIT {
    private String engine;
    private CliRunner cli;

    @TempDir
    Path dir;

    @BeforeAll
    void startNodes() throws Exception {
        List<String> out = run(SwarmNodes.SCRIPT.toString(), "up");
        engine = out.getLast().strip();
        cli = CliRunner.withEngineEnvironment(Map.of("DOCKER_HOST", engine));
    }

    @AfterAll
    void removeNodes() throws Exception {
        run(SwarmNodes.SCRIPT.toString(), "down");
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
    void theOutputOfATaskOnAWorkerNodeReachesTheStacksLogsAndTheControlPlanesApi() throws Exception {
        Path config = project("swarmhealth13-logs", """
                services:
                  talk:
                    image: %s
                    command: ["sh", "-c", "echo said on the worker; exec sleep 600"]
                    deploy:
                      placement: {constraints: ["node.hostname == %s-3"]}
                """.formatted(TestImages.BUSYBOX, SwarmNodes.PREFIX));
        var up = cli.run(config.toString(), "up", "--target", "swarm");
        assertThat(up.exitCode()).as(up.err()).isZero();
        JsonNode tasks = Json.mapper().readTree(cli.run(config.toString(), "ps", "--target", "swarm", "--format", "json").out());
        assertThat(tasks).singleElement().satisfies(t -> assertThat(t.path("node").asText()).isEqualTo(SwarmNodes.node(3)));
        var logs = cli.run(config.toString(), "logs", "--target", "swarm");
        assertThat(logs.exitCode()).as(logs.err()).isZero();
        assertThat(logs.out()).contains("said on the worker");
        assertThat(cli.run(config.toString(), "down", "--target", "swarm").exitCode()).isZero();

        // A desired image's replica on a worker: its container is out of the manager's engine's reach, its task is not.
        Path data = Files.createDirectories(dir.resolve("server"));
        try (ServerProcess server = new ServerProcess(data, engine, "--target", "swarm")) {
            server.start();
            String image = java.net.URLEncoder.encode(TestImages.BUSYBOX, StandardCharsets.UTF_8);
            assertThat(server.call("PUT", "/containers/" + image + "/desired", "{\"min_replicas\": 1, \"max_replicas\": 3,"
                    + " \"replicas\": 3, \"command\": [\"sh\", \"-c\", \"echo replica says hi; exec sleep 600\"]}")
                    .statusCode()).as(server.log().toString()).isEqualTo(201);
            String[] onWorker = new String[1];
            await().atMost(java.time.Duration.ofSeconds(120)).untilAsserted(() -> {
                JsonNode listed = Json.mapper().readTree(server.call("GET", "/containers?image=" + image, null).body());
                List<JsonNode> running = new java.util.ArrayList<>();
                listed.path("containers").forEach(c -> {
                    if ("running".equals(c.path("status").asText())) {
                        running.add(c);
                    }
                });
                assertThat(running).hasSize(3);
                JsonNode worker = running.stream().filter(c -> c.path("host").asText().equals(SwarmNodes.node(3)))
                        .findFirst().orElseThrow(() -> new AssertionError("no replica on " + SwarmNodes.node(3) + ": " + listed));
                onWorker[0] = worker.path("id").asText();
            });
            await().atMost(java.time.Duration.ofSeconds(60)).untilAsserted(() -> {
                var answer = server.call("GET", "/containers/" + onWorker[0] + "/logs", null);
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                assertThat(answer.body()).isEqualTo("replica says hi\n");
            });
            assertThat(server.call("DELETE", "/containers/" + image + "/desired", null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aWorkerEngineIsRefusedInOneLineAndNothingIsCreated() throws Exception {
        Path config = project("swarmstack13-worker", """
                services:
                  web:
                    image: %s
                    command: ["sleep", "600"]
                """.formatted(TestImages.BUSYBOX));
        String worker = run("docker", "inspect", "-f",
                "{{ (index .NetworkSettings.Networks \"" + SwarmNodes.NETWORK + "\").IPAddress }}", SwarmNodes.node(2)).getFirst().strip();
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
            assertThat(up.err()).contains("node '" + SwarmNodes.node(2) + "' lacks image 'swarmstack13-built-app:latest'")
                    .contains("node '" + SwarmNodes.node(3) + "' lacks image 'swarmstack13-built-app:latest'")
                    .doesNotContain("node '" + SwarmNodes.node(1) + "' lacks");
            assertThat(up.errLines().getLast()).startsWith("capstan: not converged after 25s: swarmstack13-built_app 1/3 running")
                    .endsWith("; nodes lacking image 'swarmstack13-built-app:latest': " + SwarmNodes.node(2) + ", " + SwarmNodes.node(3));
        } finally {
            cli.run(config.toString(), "down", "--target", "swarm");
        }
    }
}
