package io.capstan.cli;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.ContainerFilter;
import io.capstan.core.label.Labels;
import io.capstan.core.model.ContainerStatus;
import io.capstan.core.model.ContainerSummary;
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
 * The engine's dockerd SIGKILLed and started again in the middle of {@code capstan CONFIG up -d} of a 10-service
 * stack, 6 times, on an engine of the test's own ({@link NodeEngine}): the interrupted {@code up} ends with one
 * error line for a person (or, when the engine came back in time, finishes), and the next {@code up -d} converges:
 * every service running once, with the configuration an uninterrupted {@code up} gave it, and nothing else on the
 * engine. The kill moments are seeded fractions of an uninterrupted {@code up}; {@code -Dcapstan.kill.seed=SEED}
 * replays them.
 */
@Execution(ExecutionMode.CONCURRENT) // on an engine of its own: runs beside the other tests (docs/testing.md)
class EngineKilledDuringUp6IT {
    private static final int SERVICES = 10;
    private static final int ROUNDS = 6;

    private final String project = "chaos17c-up-" + UUID.randomUUID().toString().substring(0, 8);
    private final long seed = Long.getLong("capstan.kill.seed", System.nanoTime());
    private final Random random = new Random(seed);
    private NodeEngine node;
    private ContainerEngine engine;

    @TempDir
    Path dir;
    Path config;

    @BeforeEach
    void setUp() throws Exception {
        config = dir.resolve("config.yml");
        Files.writeString(config, "project_name: " + project + "\ndeployed_services: [app]\n"
                + "framework:\n  services:\n    app: {path: ./services/app}\n");
        Files.createDirectories(dir.resolve("services/app"));
        Files.writeString(dir.resolve("services/docker-compose.yml.j2"), "networks:\n  front: {}\nvolumes:\n  data: {}\n");
        StringBuilder compose = new StringBuilder("services:\n");
        for (int i = 1; i <= SERVICES; i++) {
            compose.append("""
                      s%d:
                        image: %s
                        command: ["sleep", "600"]
                        networks: [front]
                        volumes: ["data:/data"]
                    """.formatted(i, TestImages.BUSYBOX));
        }
        Files.writeString(dir.resolve("services/app/docker-compose.yml.j2"), compose.toString());
        node = NodeEngine.start(project);
        engine = node.connect();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (engine != null) {
            engine.close();
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    void theNextUpConvergesAfterTheEngineDiedUnderAnUp() throws Exception {
        long upMillis = finish("up", "-d");
        Map<String, String> hashes = hashes();
        assertThat(hashes).as("seed %d", seed).hasSize(SERVICES);
        finish("down", "-v", "-t", "0");
        int landed = 0;
        int staleEndpoints = 0;
        List<String> errors = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            // the JVM's start takes the first part of an up: kill after it, somewhere in the up's own work
            long delay = upMillis / 4 + (long) (random.nextDouble() * upMillis * 3 / 4);
            String what = "round %d of %d (engine killed %d ms into up -d, seed %d)".formatted(round, ROUNDS, delay, seed);
            Path out = Files.createTempFile(dir, "up", ".out");
            Path err = Files.createTempFile(dir, "up", ".err");
            Process up = CliProcess.start(List.of("--engine", node.endpoint(), config.toString(), "up", "-d"), out, err);
            boolean ended = up.waitFor(delay, TimeUnit.MILLISECONDS);
            node.killAndRestart();
            assertThat(up.waitFor(3, TimeUnit.MINUTES)).as(what + ": the interrupted up is still running").isTrue();
            String said = Files.readString(err, StandardCharsets.UTF_8);
            if (!ended && up.exitValue() != 0) {
                landed++;
                // each service's progress line, then the error: one line, and no stack trace anywhere
                List<String> lines = said.lines().toList();
                assertThat(lines).as(what + ": what the interrupted up said").isNotEmpty()
                        .noneSatisfy(l -> assertThat(l).containsAnyOf("Exception", "java.", "\tat "));
                assertThat(lines.stream().filter(l -> l.startsWith("capstan: "))).as(what + ": " + said)
                        .containsExactly(lines.getLast());
                errors.add(lines.getLast());
            }

            finish("up", "-d");
            List<ContainerSummary> all = engine.containers().list(ContainerFilter.ALL);
            assertThat(all).as(what + ": every container on the engine after the next up").hasSize(SERVICES)
                    .allSatisfy(c -> assertThat(c.status()).isEqualTo(ContainerStatus.RUNNING));
            assertThat(hashes()).as(what + ": one container of each service, as an uninterrupted up made it")
                    .isEqualTo(hashes);
            assertThat(engine.networks().list(StackLabels.filter(project))).as(what + ": networks").hasSize(1);
            assertThat(engine.volumes().list(StackLabels.filter(project))).as(what + ": volumes").hasSize(1);
            staleEndpoints += downAfterTheEngineDied(what);
        }
        System.out.printf("EngineKilledDuringUp6IT: seed %d, up -d %d ms, %d of %d kills failed the up; it said:%n  %s%n"
                        + "  a stale network endpoint needed an engine restart before down in %d round(s)%n",
                seed, upMillis, landed, ROUNDS, String.join("\n  ", errors), staleEndpoints);
    }

    private Map<String, String> hashes() {
        return engine.containers().list(ContainerFilter.allWithLabels(StackLabels.filter(project))).stream()
                .collect(Collectors.toMap(c -> c.labels().get(Labels.SERVICE),
                        c -> c.labels().getOrDefault(Labels.CONFIG_HASH, "none"), (a, b) -> a + "," + b, TreeMap::new));
    }

    /**
     * Takes the stack down after a round. A dockerd killed while it connected a container can keep that container's
     * endpoint after the container is gone (a Docker 20.10 bug); down then refuses to remove the network with the
     * line that says so, and after an engine restart, as that line advises, down must succeed. Returns 1 when the
     * restart was needed.
     */
    private int downAfterTheEngineDied(String what) throws Exception {
        List<String> command = List.of("--engine", node.endpoint(), config.toString(), "down", "-v", "-t", "0");
        Path out = Files.createTempFile(dir, "down", ".out");
        Process process = CliProcess.start(command, out, out);
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("%s: down still running", what).isTrue();
        String said = Files.readString(out, StandardCharsets.UTF_8);
        if (process.exitValue() == 0) {
            return 0;
        }
        assertThat(said).as("%s: down said", what).contains("is still in use after the stack's containers were "
                + "removed").contains("stale endpoint that only its restart clears");
        assertThat(engine.containers().list(ContainerFilter.allWithLabels(StackLabels.filter(project))))
                .as("%s: the stack's containers after a down that left the network", what).isEmpty();
        node.restart(true);
        finish("down", "-v", "-t", "0");
        return 1;
    }

    /** Runs the CLI against the node's engine to its end, which must be a success; returns how long it took. */
    private long finish(String... args) throws Exception {
        long start = System.nanoTime();
        Path out = Files.createTempFile(dir, "cli", ".out");
        List<String> command = new ArrayList<>(List.of("--engine", node.endpoint(), config.toString()));
        command.addAll(List.of(args));
        Process process = CliProcess.start(command, out, out);
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("seed %d: %s still running", seed, command).isTrue();
        assertThat(process.exitValue()).as("seed %d: %s said:%n%s", seed, command,
                Files.readString(out, StandardCharsets.UTF_8)).isZero();
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }
}
