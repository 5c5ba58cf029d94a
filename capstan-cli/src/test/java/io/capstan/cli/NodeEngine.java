package io.capstan.cli;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.docker.EngineLocator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An engine of the test's own: one node container running its own dockerd ({@code scripts/swarm-nodes.sh engines}
 * under a name prefix of the test's), with the test image loaded, reached over tcp. The test may kill it and start
 * it again without disturbing the shared engine; {@link #close()} removes the node, its volume and its network.
 */
final class NodeEngine implements AutoCloseable {
    private static final Path SCRIPT = Path.of("..", "scripts", "swarm-nodes.sh").toAbsolutePath().normalize();

    private final String prefix;
    private final String endpoint;

    private NodeEngine(String prefix, String endpoint) {
        this.prefix = prefix;
        this.endpoint = endpoint;
    }

    /** Starts the node {@code PREFIX-1} on the network {@code PREFIX-net}; fails when it does not come up. */
    static NodeEngine start(String prefix) throws Exception {
        NodeEngine node = new NodeEngine(prefix, null);
        try {
            String endpoint = node.script("engines").strip();
            assertThat(endpoint).as("the node's engine").startsWith("tcp://");
            return new NodeEngine(prefix, endpoint);
        } catch (Exception | AssertionError e) {
            node.close();
            throw e;
        }
    }

    String endpoint() {
        return endpoint;
    }

    /** The container the node's engine runs in. */
    String node() {
        return prefix + "-1";
    }

    /** A client of the node's engine (the caller closes it). */
    ContainerEngine connect() {
        return EngineLocator.fromEnvironment(Map.of("DOCKER_HOST", endpoint)).locate(null);
    }

    /**
     * SIGKILLs the node's dockerd, as a crash would: the node container is killed from outside (dockerd is its
     * first process, which ignores signals sent from inside), and with it every container the engine ran.
     */
    void kill() throws Exception {
        DockerCommand.docker("kill", node());
    }

    /**
     * Starts the killed node again, or with {@code stopFirst} restarts the running one (its dockerd stopped as by
     * {@code systemctl restart docker}, its containers stopped with it), and waits until its engine answers at the
     * same endpoint.
     */
    void restart(boolean stopFirst) throws Exception {
        DockerCommand.docker(stopFirst ? "restart" : "start", node());
        String address = DockerCommand.docker("inspect", "-f",
                "{{ (index .NetworkSettings.Networks \"" + prefix + "-net\").IPAddress }}", node()).strip();
        assertThat(endpoint).as("the restarted node's address").isEqualTo("tcp://" + address + ":2375");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(this::answers);
    }

    /** Kills the node and starts it again. */
    void killAndRestart() throws Exception {
        kill();
        restart(false);
    }

    private boolean answers() {
        try {
            Process version = new ProcessBuilder("docker", "-H", endpoint, "version")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            return version.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Removes the node, its volume and its network, trying again while the host's engine does not answer. */
    @Override
    public void close() throws Exception {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
            script("down");
            return left("ps", "-a", "--filter", "name=^" + node() + "$").isEmpty()
                    && left("network", "ls", "--filter", "name=^" + prefix + "-net$").isEmpty()
                    && left("volume", "ls", "--filter", "name=^" + node() + "$").isEmpty();
        });
    }

    private static String left(String... list) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of(list));
        args.add("-q");
        return DockerCommand.docker(args.toArray(String[]::new)).strip();
    }

    private String script(String verb) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(List.of("bash", SCRIPT.toString(), verb))
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().putAll(Map.of("CAPSTAN_SWARM_NODES", "1", "CAPSTAN_SWARM_NODE_PREFIX", prefix,
                "CAPSTAN_SWARM_NODE_NETWORK", prefix + "-net"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("swarm-nodes.sh %s (%s)", verb, prefix).isZero();
        return output;
    }
}
