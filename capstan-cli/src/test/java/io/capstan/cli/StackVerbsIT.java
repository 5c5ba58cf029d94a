package io.capstan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.ContainerFilter;
import io.capstan.core.model.ContainerSummary;
import io.capstan.docker.EngineLocator;
import io.capstan.stack.run.StackLabels;
import io.capstan.tck.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Compose's per-service verbs against the engine: up SERVICE, stop, start, restart, ps, logs, stats, exec, plan. */
class StackVerbsIT {
    /** A line of {@code logs}: the container's service and replica, a bar, and what the container wrote. */
    private static final Pattern PREFIXED = Pattern.compile("^(\\S+)\\s*\\| (.*)$");
    private final CliRunner cli = CliRunner.withEnvironmentEngine();
    private final ContainerEngine engine = EngineLocator.fromEnvironment().locate(null);
    private final String project = "verbs19-" + UUID.randomUUID().toString().substring(0, 8);

    @TempDir
    Path dir;
    Path config;

    @BeforeEach
    void writeStack() throws IOException {
        config = dir.resolve("config.yml");
        Files.writeString(config, "project_name: " + project + "\ndeployed_services: [web]\n"
                + "framework:\n  services:\n    web: {path: ./services/web}\n");
        Files.createDirectories(dir.resolve("services/web"));
        Files.writeString(dir.resolve("services/docker-compose.yml.j2"), "networks:\n  net: {}\n");
        Files.writeString(dir.resolve("services/web/docker-compose.yml.j2"), """
                services:
                  web:
                    image: %1$s
                    command: ["sh", "-c", "echo first; echo second; exec sleep 300"]
                    networks: [net]
                  worker:
                    image: %1$s
                    command: ["sleep", "300"]
                    networks: [net]
                    depends_on: [web]
                  side:
                    image: %1$s
                    command: ["sh", "-c", "echo one; echo two; echo three; exec sleep 300"]
                    networks: [net]
                """.formatted(TestImages.BUSYBOX));
    }

    @AfterEach
    void cleanUp() {
        engine.containers().list(ContainerFilter.allWithLabels(StackLabels.filter(project)))
                .forEach(c -> engine.containers().remove(c.id(), true, false));
        engine.networks().list(StackLabels.filter(project)).forEach(n -> engine.networks().remove(n.id()));
        engine.close();
    }

    private CliRunner.Result ok(String... verbAndArgs) {
        String[] args = new String[verbAndArgs.length + 1];
        args[0] = config.toString();
        System.arraycopy(verbAndArgs, 0, args, 1, verbAndArgs.length);
        var result = cli.run(args);
        assertThat(result.exitCode()).as(String.join(" ", verbAndArgs) + ": " + result.err()).isZero();
        return result;
    }

    private List<String> running() {
        return engine.containers().list(ContainerFilter.allWithLabels(StackLabels.filter(project))).stream()
                .filter(c -> c.status().word().equals("running")).map(ContainerSummary::name).sorted().toList();
    }

    @Test
    void upOfOneServiceStartsItAndWhatItDependsOnOnly() {
        ok("up", "-d", "worker");
        assertThat(running()).containsExactly(project + "-web-1", project + "-worker-1");

        var plan = ok("plan", "--format", "json");
        assertThat(plan.out()).contains("\"action\" : \"keep\"", "\"action\" : \"create\"", "\"container_id\"",
                "\"networks_to_create\"").doesNotContain("networksToCreate");
    }

    @Test
    void stopStartRestartAndPsWorkOnTheNamedServices() {
        ok("up", "-d");
        ok("stop", "-t", "0", "worker", "side");
        assertThat(running()).containsExactly(project + "-web-1");

        assertThat(ok("ps").out()).contains(project + "-web-1").doesNotContain("worker");
        assertThat(ok("ps", "-a", "worker").out()).contains(project + "-worker-1", "exited").doesNotContain("web-1");

        ok("start", "worker");
        assertThat(running()).containsExactly(project + "-web-1", project + "-worker-1");

        String before = engine.containers().inspect(project + "-web-1").startedAt().toString();
        ok("restart", "-t", "0", "web");
        assertThat(engine.containers().inspect(project + "-web-1").startedAt().toString()).isNotEqualTo(before);

        var ghost = cli.run(config.toString(), "stop", "ghost");
        assertThat(ghost.exitCode()).isEqualTo(Main.FAILED);
        assertThat(ghost.errLines()).containsExactly("capstan: service 'ghost' is not in stack '" + project
                + "'; its services are web, worker, side");
    }

    @Test
    void logsOfSeveralServicesPrefixEachLineWithItsContainerAndKeepEachOnesOrder() {
        ok("up", "-d", "web", "side");
        Map<String, List<String>> byPrefix = new TreeMap<>();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            byPrefix.clear();
            for (String line : ok("logs").out().lines().toList()) {
                Matcher m = PREFIXED.matcher(line);
                assertThat(m.matches()).as("'%s' has a prefix", line).isTrue();
                byPrefix.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(m.group(2));
            }
            assertThat(byPrefix).containsOnlyKeys("web-1", "side-1");
            assertThat(byPrefix.get("side-1")).containsExactly("one", "two", "three");
        });
        assertThat(byPrefix.get("web-1")).containsExactly("first", "second");

        List<String> sideOnly = ok("logs", "side").out().lines().toList();
        assertThat(sideOnly).hasSize(3).allSatisfy(l -> assertThat(l).startsWith("side-1"));
    }

    @Test
    void statsShowAKnownLoad() throws Exception {
        // a busy loop under half a CPU, and 16 MiB written to /dev/shm (memory, a tmpfs) under a 64 MiB limit
        Files.writeString(dir.resolve("services/web/docker-compose.yml.j2"), """
                services:
                  web:
                    image: %1$s
                    command: ["sh", "-c", "dd if=/dev/zero of=/dev/shm/fill bs=1M count=16 && while :; do :; done"]
                    cpus: 0.5
                    mem_limit: 64m
                """.formatted(TestImages.BUSYBOX));
        ok("up", "-d");
        long mib = 1024 * 1024;
        List<Double> cpu = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode sample = new ObjectMapper().readTree(ok("stats", "--no-stream", "--format", "json").out());
            assertThat(sample).hasSize(1);
            JsonNode stats = sample.get(0).path("stats");
            cpu.add(stats.path("cpu_percent").asDouble());
            assertThat(sample.get(0).path("service").asText()).isEqualTo("web");
            assertThat(stats.path("memory_limit").asLong()).isEqualTo(64 * mib);
            assertThat(stats.path("memory_usage").asLong()).isBetween(16 * mib, 18 * mib);
            assertThat(stats.path("memory_percent").asDouble()).isBetween(25.0, 28.2);
            assertThat(cpu.getLast()).as("CPU %% of one core, samples %s", cpu).isBetween(30.0, 60.0);
        });
        assertThat(cpu).as("never above the limit of half a CPU").allSatisfy(c -> assertThat(c).isLessThanOrEqualTo(65.0));
        assertThat(ok("stats", "--no-stream").out()).containsPattern("web-1\\s.*\\s1[67](\\.\\d)?MiB / 64MiB\\s");
    }

    @Test
    void logsTakeTailAndTimestampsAndStatsSampleTheRunningContainers() {
        ok("up", "-d", "web");
        var tail = ok("logs", "--tail", "1", "web");
        assertThat(tail.out().lines().toList()).singleElement().asString().contains("web-1").endsWith("| second");
        var stamped = ok("logs", "-t", "web");
        assertThat(stamped.out()).containsPattern("\\| \\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\S* first");
        assertThat(ok("logs", "--since", "2000-01-01", "web").out()).contains("first", "second");

        var stats = ok("stats", "--no-stream");
        assertThat(stats.out().lines().toList()).hasSize(2);
        assertThat(stats.out()).startsWith("SERVICE").contains("CPU %", project + "-web-1");
    }

    @Test
    void execRunsInTheServicesContainerPassesEverythingAfterTheServiceAndItsExitCode() {
        ok("up", "-d", "web");
        var listing = ok("exec", "web", "ls", "-l", "/");
        assertThat(listing.out()).contains("drwx", "bin");

        var env = cli.run(config.toString(), "exec", "-e", "GREETING=hello", "-w", "/tmp", "web",
                "sh", "-c", "echo $GREETING in $(pwd); exit 3");
        assertThat(env.exitCode()).isEqualTo(3);
        assertThat(env.out()).contains("hello in /tmp");

        var piped = cli.runWithInput("from stdin\n", config.toString(), "exec", "-T", "web", "cat");
        assertThat(piped.out()).contains("from stdin");

        var notRunning = cli.run(config.toString(), "exec", "worker", "true");
        assertThat(notRunning.exitCode()).isEqualTo(Main.FAILED);
        assertThat(notRunning.err()).contains("service 'worker' has no running container");
    }
}
