package io.capstan.cli;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.ContainerFilter;
import io.capstan.core.label.Labels;
import io.capstan.core.model.ContainerStatus;
import io.capstan.core.model.ContainerSummary;
import io.capstan.core.spec.ContainerSpec;
import io.capstan.stack.run.StackLabels;
import io.capstan.tck.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CLI, run as its own process as a user runs it, SIGKILLed at a random moment of {@code up -d} and of
 * {@code down}, 20 times (10 of each, interleaved): the next {@code up -d} finishes the job and the next
 * {@code down} leaves nothing of the stack, and a container of another stack is never touched. The delays come
 * from a seeded random as fractions of the length of an uninterrupted run; {@code -Dcapstan.kill.seed=SEED} replays
 * the same draws. It runs on an engine of its own ({@link NodeEngine}): when dockerd 20.10 keeps a stale endpoint
 * that leaves a network impossible to remove (which only the engine's restart clears), the test restarts that
 * engine, says so, and runs the {@code down} again.
 */
@Execution(ExecutionMode.CONCURRENT) // on an engine of its own: runs beside the other tests (docs/testing.md)
class StackKill20IT {
    private static final int SERVICES = 20;
    private static final int KILLS = 20;

    private final String project = "chaos17c-kill-" + UUID.randomUUID().toString().substring(0, 8);
    private final long seed = Long.getLong("capstan.kill.seed", System.nanoTime());
    private final Random random = new Random(seed);
    private NodeEngine node;
    private ContainerEngine engine;
    private String sentinel;
    private int engineRestarts;

    @TempDir
    Path dir;
    Path config;

    @BeforeEach
    void writeStack() throws Exception {
        config = dir.resolve("config.yml");
        Files.writeString(config, "project_name: " + project + "\ndeployed_services: [app]\n"
                + "framework:\n  services:\n    app: {path: ./services/app}\n");
        Files.createDirectories(dir.resolve("services/app"));
        Files.writeString(dir.resolve("services/docker-compose.yml.j2"),
                "networks:\n  front: {}\n  back: {}\nvolumes:\n  data: {}\n");
        StringBuilder compose = new StringBuilder("services:\n");
        for (int i = 1; i <= SERVICES; i++) {
            compose.append("""
                      s%d:
                        image: %s
                        command: ["sleep", "600"]
                        networks: [%s]
                    """.formatted(i, TestImages.BUSYBOX, i % 2 == 0 ? "front" : "front, back"));
            if (i % 5 == 0) {
                compose.append("    volumes: [\"data:/data\"]\n");
            }
        }
        Files.writeString(dir.resolve("services/app/docker-compose.yml.j2"), compose.toString());
        node = NodeEngine.start(project);
        engine = node.connect();
        // a container of another stack, carrying Capstan's own labels: it must outlive every kill and every down
        sentinel = engine.containers().create(ContainerSpec.builder(TestImages.BUSYBOX).name(project + "-other-sentinel")
                .command("sleep", "600").labels(StackLabels.forService(project + "-other", "s1", 1)).build());
        engine.containers().start(sentinel);
    }

    /** The node, its engine and all the engine holds go with it. */
    @AfterEach
    void cleanUp() throws Exception {
        if (engine != null) {
            engine.close();
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    void killedUpAndDownAreFinishedByTheNextRunAndNothingElseIsTouched() throws Exception {
        // the kill moments are drawn from the length of an uninterrupted up -d and down on this machine
        long upMillis = finish("up", "-d");
        Map<String, String> hashes = hashes();
        assertThat(hashes).as("seed %d", seed).hasSize(SERVICES);
        long downMillis = finish("down", "-v", "-t", "1");
        assertGone("after the first down");
        int landed = 0;

        for (int kill = 1; kill <= KILLS; kill++) {
            boolean up = kill % 2 == 1;
            List<String> verb = up ? List.of("up", "-d") : List.of("down", "-v", "-t", kill % 4 == 0 ? "0" : "1");
            long delay = 100 + (long) (random.nextDouble() * (up ? upMillis : downMillis));
            String what = "kill %d of %d (%s after %d ms, seed %d)".formatted(kill, KILLS, String.join(" ", verb), delay, seed);
            landed += killAfter(delay, verb) ? 1 : 0;
            assertThat(engine.containers().inspect(sentinel).status()).as(what + ": the other stack's container")
                    .isEqualTo(ContainerStatus.RUNNING);
            finish(verb.toArray(String[]::new));
            if (up) {
                List<ContainerSummary> running = containers();
                assertThat(running).as(what + ": the next up -d")
                        .hasSize(SERVICES).allSatisfy(c -> assertThat(c.status()).isEqualTo(ContainerStatus.RUNNING));
                assertThat(hashes()).as(what + ": the configuration hash of each service").isEqualTo(hashes);
                assertThat(engine.volumes().list(StackLabels.filter(project))).as(what).hasSize(1);
                assertThat(engine.networks().list(StackLabels.filter(project))).as(what).hasSize(2);
            } else {
                assertGone(what + ": the next down");
                // the next kill interrupts an up, so start from the state an up finds
            }
            assertThat(engine.containers().inspect(sentinel).status()).as(what + ": the other stack's container")
                    .isEqualTo(ContainerStatus.RUNNING);
            if (up) {
                // leave the stack up for the down that is killed next
                assertThat(containers()).hasSize(SERVICES);
            }
        }
        System.out.printf("StackKill20IT: seed %d, %d of %d kills landed while the CLI ran (up -d %d ms, down %d ms), "
                + "the engine restarted %d times for a stale endpoint%n", seed, landed, KILLS, upMillis, downMillis, engineRestarts);
    }

    private List<ContainerSummary> containers() {
        return engine.containers().list(ContainerFilter.allWithLabels(StackLabels.filter(project)));
    }

    private Map<String, String> hashes() {
        return containers().stream().collect(Collectors.toMap(c -> c.labels().get(Labels.SERVICE),
                c -> c.labels().getOrDefault(Labels.CONFIG_HASH, "none"), (a, b) -> a + "," + b, TreeMap::new));
    }

    private void assertGone(String what) {
        assertThat(containers()).as(what + ": containers").isEmpty();
        assertThat(engine.networks().list(StackLabels.filter(project))).as(what + ": networks").isEmpty();
        assertThat(engine.volumes().list(StackLabels.filter(project))).as(what + ": volumes").isEmpty();
    }

    /**
     * Runs the CLI to its end, which must be a success, and returns how long it took. A {@code down} that meets the
     * engine's stale endpoint is run again after that engine's restart (the other stack's container is started again
     * after it, as the engine's restart stopped it).
     */
    private long finish(String... args) throws Exception {
        long start = System.nanoTime();
        Path log = Files.createTempFile(dir, "cli", ".log");
        Process process = start(List.of(args), log);
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("seed %d: %s still running", seed, String.join(" ", args)).isTrue();
        String output = Files.readString(log, StandardCharsets.UTF_8);
        if (process.exitValue() != 0 && args[0].equals("down") && heldByNoContainer()) {
            engineRestarts++;
            System.out.printf("StackKill20IT: seed %d: down met dockerd's stale endpoint; restarting the test's engine "
                    + "(%s) and running down again:%n%s", seed, node.node(), output.lines().reduce((a, b) -> b).orElse(""));
            engine.close();
            node.restart(true);
            engine = node.connect();
            engine.containers().start(sentinel);
            return finish(args);
        }
        assertThat(process.exitValue()).as("seed %d: %s said:%n%s", seed, String.join(" ", args), output).isZero();
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    /** Runs the CLI and SIGKILLs it {@code delayMillis} after its start; says whether it was still running then. */
    private boolean killAfter(long delayMillis, List<String> args) throws Exception {
        Process process = start(args, dir.resolve("killed.log"));
        if (process.waitFor(delayMillis, TimeUnit.MILLISECONDS)) {
            return false;
        }
        process.destroyForcibly();
        process.waitFor();
        return true;
    }

    /** Whether a network of the stack is left that no container is connected to (dockerd's stale endpoint). */
    private boolean heldByNoContainer() throws Exception {
        var left = engine.networks().list(StackLabels.filter(project));
        for (var network : left) {
            Process inspect = new ProcessBuilder("docker", "-H", node.endpoint(), "network", "inspect", "-f",
                    "{{len .Containers}}", network.id()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String connected = new String(inspect.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (inspect.waitFor() != 0 || !connected.equals("0")) {
                return false;
            }
        }
        return !left.isEmpty() && containers().isEmpty();
    }

    /** The CLI as its own process, on the node's engine. */
    private Process start(List<String> args, Path log) throws Exception {
        List<String> command = new ArrayList<>(List.of("--engine", node.endpoint(), config.toString()));
        command.addAll(args);
        return CliProcess.start(command, log, log);
    }
}
