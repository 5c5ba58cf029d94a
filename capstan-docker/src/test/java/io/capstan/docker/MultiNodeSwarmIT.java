package io.capstan.docker;

import io.capstan.core.model.ContainerStatus;
import io.capstan.core.spec.ContainerSpec;
import io.capstan.core.spec.Ipam;
import io.capstan.core.spec.NetworkSpec;
import io.capstan.core.workload.NodeInfo;
import io.capstan.core.workload.WorkloadSpec;
import io.capstan.core.workload.WorkloadStatus;
import io.capstan.core.workload.WorkloadTask;
import io.capstan.core.workload.WorkloadTarget;
import io.capstan.tck.SwarmNodes;
import io.capstan.tck.TestImages;
import io.capstan.tck.WorkloadTargetContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real three-node swarm on this machine ({@code scripts/swarm-nodes.sh}: each node a container with its own
 * engine): the workload contract against its manager, replicas spread over the nodes, a killed node's replicas move
 * to the others, and the node rejoins when it comes back. The nodes are started once for the class and removed at
 * the end.
 */
@Execution(ExecutionMode.CONCURRENT) // on node engines of its own: runs beside the other tests (docs/testing.md)
@ResourceLock("capstan-swarm-nodes") // the one set of nodes (and its methods one after another)
class MultiNodeSwarmIT extends WorkloadTargetContract {
    /** A killed node is noticed as down, and a started one as ready, only after Swarm's heartbeats. */
    private static final Duration NODE_PATIENCE = Duration.ofSeconds(120);
    private static final String WORKER = SwarmNodes.node(3);

    private DockerEngine manager;
    private SwarmTarget swarm;

    @Override
    protected WorkloadTarget createTarget() {
        try {
            List<String> out = run(SwarmNodes.SCRIPT.toString(), "up");
            manager = DockerEngine.connect(out.getLast().strip());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("scripts/swarm-nodes.sh up could not run: " + e.getMessage(), e);
        }
        swarm = manager.swarm();
        return swarm;
    }

    @Override
    protected String namePrefix() {
        return "multinode13";
    }

    /** A node is a container on the nodes' own network; its host-mode ports answer on its address there. */
    @Override
    protected String addressOfNode(String node) {
        try {
            return run("docker", "inspect", "-f",
                    "{{ (index .NetworkSettings.Networks \"" + SwarmNodes.NETWORK + "\").IPAddress }}", node).getFirst().strip();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("no address of node " + node + ": " + e.getMessage(), e);
        }
    }

    @Override
    protected void closeTarget() {
        try {
            if (manager != null) {
                manager.close();
            }
        } finally {
            try {
                run(SwarmNodes.SCRIPT.toString(), "down");
            } catch (IOException | InterruptedException e) {
                throw new AssertionError("scripts/swarm-nodes.sh down could not run: " + e.getMessage(), e);
            }
        }
    }

    @Test
    void replicasSpreadMoveOffAKilledNodeAndTheNodeRejoins() throws Exception {
        assertThat(swarm.nodes()).hasSize(3).allMatch(NodeInfo::isReady)
                .extracting(NodeInfo::hostname).contains(WORKER);

        String name = name("spread");
        swarm.create(WorkloadSpec.builder(name, TestImages.BUSYBOX).command("sleep", "3600").replicas(6)
                .endpointMode(WorkloadSpec.EndpointMode.DNSRR).label(TEST_LABEL, run).build());
        WorkloadStatus spread = awaitRunning(name, 6);
        assertThat(nodesOf(spread)).hasSize(3);

        run("docker", "kill", WORKER);
        await().atMost(NODE_PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() ->
                swarm.nodes().stream().anyMatch(n -> n.hostname().equals(WORKER) && n.state().equals("down")));
        await().atMost(NODE_PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> {
            WorkloadStatus status = swarm.inspect(name);
            return status.running() == 6 && !nodesOf(status).contains(WORKER) && status.currentTasks().size() == 6;
        });
        assertThat(nodesOf(swarm.inspect(name))).hasSize(2);

        run("docker", "start", WORKER);
        await().atMost(NODE_PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() ->
                swarm.nodes().stream().filter(NodeInfo::isReady).count() == 3);
        assertThat(swarm.nodes()).filteredOn(n -> n.hostname().equals(WORKER)).singleElement()
                .satisfies(n -> assertThat(n.role()).isEqualTo("worker"));

        // A new service lands on the returned node too.
        String after = name("after");
        swarm.create(WorkloadSpec.builder(after, TestImages.BUSYBOX).command("sleep", "3600").global()
                .endpointMode(WorkloadSpec.EndpointMode.DNSRR).label(TEST_LABEL, run).build());
        await().atMost(NODE_PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> {
            WorkloadStatus status = swarm.inspect(after);
            return status.running() == 3 && nodesOf(status).contains(WORKER);
        });
        swarm.remove(after);
        swarm.remove(name);
    }

    @Test
    void aContainerOnTheManagerReachesTheReplicasOnEveryNodeOverTheOverlayNetwork() {
        String net = name("overlay");
        manager.networks().create(new NetworkSpec(net, "overlay", Map.of(TEST_LABEL, run), false, Map.of(),
                Ipam.DEFAULT, false, true));
        String service = name("site");
        String client = name("client");
        try {
            swarm.create(WorkloadSpec.builder(service, TestImages.BUSYBOX)
                    .command("sh", "-c", "hostname > /tmp/index.html; exec httpd -f -p 80 -h /tmp")
                    .global().network(net).endpointMode(WorkloadSpec.EndpointMode.DNSRR).label(TEST_LABEL, run).build());
            assertThat(nodesOf(awaitRunning(service, 3))).hasSize(3);
            // Exits 0 once three different replicas (one per node) answered at the addresses tasks.NAME gives.
            // nc rather than wget: this image's busybox wget dies of a segmentation fault inside the nodes.
            manager.containers().create(ContainerSpec.builder(TestImages.BUSYBOX).name(client).network(net)
                    .label(TEST_LABEL, run)
                    .command("sh", "-c", "for i in $(seq 1 30); do n=$(for ip in $(nslookup tasks." + service
                            + " | sed -n 's/^Address: *\\([0-9.]*\\)$/\\1/p'); do"
                            + " printf 'GET /index.html HTTP/1.0\\r\\n\\r\\n' | nc -w 3 $ip 80 | tail -n 1;"
                            + " done | sort -u | wc -l); [ \"$n\" -eq 3 ] && exit 0; sleep 1; done; exit 1").build());
            manager.containers().start(client);
            await().atMost(NODE_PATIENCE).until(() ->
                    manager.containers().inspect(client).status() == ContainerStatus.EXITED);
            assertThat(manager.containers().inspect(client).exitCode())
                    .as("three replicas of %s answered a container on the manager", service).isZero();
        } finally {
            manager.containers().remove(client, true, true);
            swarm.remove(service);
            await().atMost(NODE_PATIENCE).ignoreExceptions().untilAsserted(() -> manager.networks().remove(net));
        }
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
