package io.capstan.docker;

import io.capstan.core.workload.NodeInfo;
import io.capstan.core.workload.WorkloadSpec;
import io.capstan.core.workload.WorkloadStatus;
import io.capstan.core.workload.WorkloadTask;
import io.capstan.tck.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real three-node swarm on this machine ({@code scripts/swarm-nodes.sh}: each node a container with its own
 * engine): replicas spread over the nodes, a killed node's replicas move to the others, and the node rejoins when
 * it comes back. The nodes are removed at the end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MultiNodeSwarmIT {
    private static final Path SCRIPT = Path.of("..", "scripts", "swarm-nodes.sh").toAbsolutePath().normalize();
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final String WORKER = "capstan-swarm-node-3";

    private DockerEngine manager;
    private SwarmTarget swarm;

    @BeforeAll
    void startNodes() throws Exception {
        List<String> out = run(SCRIPT.toString(), "up");
        manager = DockerEngine.connect(out.getLast().strip());
        swarm = manager.swarm();
    }

    @AfterAll
    void removeNodes() throws Exception {
        if (manager != null) {
            manager.close();
        }
        run(SCRIPT.toString(), "down");
    }

    @Test
    void replicasSpreadMoveOffAKilledNodeAndTheNodeRejoins() throws Exception {
        assertThat(swarm.nodes()).hasSize(3).allMatch(NodeInfo::isReady)
                .extracting(NodeInfo::hostname).contains(WORKER);

        String name = "mn-" + UUID.randomUUID().toString().substring(0, 6);
        swarm.create(WorkloadSpec.builder(name, TestImages.BUSYBOX).command("sleep", "3600").replicas(6)
                .endpointMode(WorkloadSpec.EndpointMode.DNSRR).build());
        WorkloadStatus spread = awaitRunning(name, 6);
        assertThat(nodesOf(spread)).hasSize(3);

        run("docker", "kill", WORKER);
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() ->
                swarm.nodes().stream().anyMatch(n -> n.hostname().equals(WORKER) && n.state().equals("down")));
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> {
            WorkloadStatus status = swarm.inspect(name);
            return status.running() == 6 && !nodesOf(status).contains(WORKER) && status.currentTasks().size() == 6;
        });
        assertThat(nodesOf(swarm.inspect(name))).hasSize(2);

        run("docker", "start", WORKER);
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() ->
                swarm.nodes().stream().filter(NodeInfo::isReady).count() == 3);
        assertThat(swarm.nodes()).filteredOn(n -> n.hostname().equals(WORKER)).singleElement()
                .satisfies(n -> assertThat(n.role()).isEqualTo("worker"));

        // A new service lands on the returned node too.
        String after = name + "-after";
        swarm.create(WorkloadSpec.builder(after, TestImages.BUSYBOX).command("sleep", "3600").global()
                .endpointMode(WorkloadSpec.EndpointMode.DNSRR).build());
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> {
            WorkloadStatus status = swarm.inspect(after);
            return status.running() == 3 && nodesOf(status).contains(WORKER);
        });
        swarm.remove(after);
        swarm.remove(name);
    }

    private WorkloadStatus awaitRunning(String name, int replicas) {
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> {
            WorkloadStatus status = swarm.inspect(name);
            return status.running() == replicas && status.currentTasks().size() == replicas;
        });
        return swarm.inspect(name);
    }

    private static Set<String> nodesOf(WorkloadStatus status) {
        return status.currentTasks().stream().filter(WorkloadTask::isRunning).map(WorkloadTask::node)
                .collect(Collectors.toSet());
    }

    /** Runs a command, failing with its output when it fails; returns its standard output's lines. */
    private static List<String> run(String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("swarm-nodes", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int code = process.waitFor();
            if (code != 0) {
                throw new AssertionError(String.join(" ", command) + " failed (exit " + code + "): " + out
                        + Files.readString(log));
            }
            return out.lines().toList();
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
