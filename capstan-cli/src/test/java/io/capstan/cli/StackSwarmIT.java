package io.capstan.cli;

import io.capstan.tck.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static io.capstan.cli.DockerCommand.docker;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code capstan CONFIG up --target swarm} on a one-node swarm of the local engine (made when the engine is in none,
 * and never left: other tests share it). Services use endpoint mode dnsrr and host-mode ports: this machine's
 * kernel has no IPVS, so virtual IPs and the routing mesh do not work here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StackSwarmIT {
    private final CliRunner cli = CliRunner.withEnvironmentEngine();
    private String stack;

    @TempDir
    Path dir;
    Path config;

    @BeforeAll
    void swarmOfOne() {
        if (cli.run("swarm", "nodes").exitCode() != 0) {
            var init = cli.run("swarm", "init", "--advertise-addr", "127.0.0.1");
            assertThat(init.exitCode()).as(init.err()).isZero();
        }
    }

    @BeforeEach
    void stackName() {
        stack = "swarmstack13-" + UUID.randomUUID().toString().substring(0, 6);
    }

    @AfterEach
    void removeWhatTheStackMade() throws Exception {
        cli.run(config.toString(), "down", "--target", "swarm");
        String label = "label=com.docker.stack.namespace=" + stack;
        for (String kind : List.of("service", "secret", "config", "network")) {
            for (String id : lines(docker(kind, "ls", "-q", "--filter", label))) {
                new ProcessBuilder("docker", kind, "rm", id).redirectErrorStream(true).start().waitFor();
            }
        }
    }

    private static List<String> lines(String text) {
        return Arrays.stream(text.split("\n")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private void writeStack(String compose) throws IOException {
        config = dir.resolve("config.yml");
        Files.writeString(config, "project_name: " + stack + "\ndeployed_services: [app]\n"
                + "framework:\n  services:\n    app: {path: ./services/app}\n");
        Files.createDirectories(dir.resolve("services/app"));
        Files.writeString(dir.resolve("services/docker-compose.yml.j2"), "x-root: {}\n");
        Files.writeString(dir.resolve("services/app/docker-compose.yml.j2"), compose);
        Files.writeString(dir.resolve("token.txt"), "first");
    }

    private static final String THREE_SERVICES = """
            services:
              web:
                image: %1$s
                command: ["sh", "-c", "echo web says $$GREETING; exec sleep 1d"]
                environment: {GREETING: hello}
                networks: [back]
                container_name: fixed-web
                ports:
                  - {target: 80, published: %2$d, mode: host}
                deploy:
                  endpoint_mode: dnsrr
                  update_config: {parallelism: 1}
              api:
                image: %1$s
                command: ["sh", "-c", "cat /run/secrets/token; echo; exec sleep 1d"]
                networks: [back]
                secrets: [token]
                deploy: {replicas: 2, endpoint_mode: dnsrr}
              worker:
                image: %1$s
                command: ["sleep", "1d"]
                networks: [back]
                depends_on:
                  api: {condition: service_healthy}
                volumes: ["data:/data"]
                deploy: {endpoint_mode: dnsrr}
            networks:
              back: {}
            volumes:
              data: {labels: {tier: cache}}
            secrets:
              token: {file: %3$s}
            """;

    private String threeServices() {
        return THREE_SERVICES.formatted(TestImages.BUSYBOX, 20000 + (int) (Math.random() * 20000), dir.resolve("token.txt"));
    }

    @Test
    void aStackIsDeployedUpdatedAndTakenDownAsDockerStackShowsIt() throws Exception {
        writeStack(threeServices());
        var up = cli.run(config.toString(), "up", "--target", "swarm");
        assertThat(up.exitCode()).as(up.err()).isZero();
        assertThat(up.err()).contains("service 'web': container_name cannot be set on Swarm",
                "service 'worker': depends_on condition service_healthy of 'api' cannot be waited for on Swarm");
        assertThat(lines(docker("stack", "ls", "--format", "{{.Name}} {{.Services}}"))).contains(stack + " 3");
        List<String> tasks = lines(docker("stack", "ps", stack, "--filter", "desired-state=running",
                "--format", "{{.Name}} {{.CurrentState}}"));
        assertThat(tasks).hasSize(4).allSatisfy(t -> assertThat(t).contains(" Running "));
        assertThat(tasks.stream().map(t -> t.split(" ")[0]))
                .containsExactlyInAnyOrder(stack + "_web.1", stack + "_api.1", stack + "_api.2", stack + "_worker.1");
        assertThat(docker("network", "inspect", stack + "_back", "--format", "{{.Driver}} {{.Attachable}}"))
                .isEqualTo("overlay true\n");
        assertThat(docker("volume", "inspect", stack + "_data", "--format",
                "{{index .Labels \"com.docker.stack.namespace\"}} {{index .Labels \"tier\"}}")).isEqualTo(stack + " cache\n");
        var ps = cli.run(config.toString(), "ps", "--target", "swarm", "--format", "json", "api");
        assertThat(ps.exitCode()).as(ps.err()).isZero();
        var rows = io.capstan.cli.output.Json.mapper().readTree(ps.out());
        assertThat(rows).hasSize(2).allSatisfy(row -> {
            assertThat(row.path("service").asText()).isEqualTo("api");
            assertThat(row.path("state").asText()).isEqualTo("running");
        });
        var detached = cli.run(config.toString(), "up", "-d", "--target", "swarm");
        assertThat(detached.exitCode()).as(detached.err()).isZero();
        assertThat(detached.err()).contains("unchanged");

        Files.writeString(dir.resolve("services/app/docker-compose.yml.j2"),
                threeServices().replace("GREETING: hello", "GREETING: again"));
        Files.writeString(dir.resolve("token.txt"), "second");
        var plan = cli.run(config.toString(), "plan", "--target", "swarm");
        assertThat(plan.out()).contains("web: update", "api: update", "worker: unchanged");
        var update = cli.run(config.toString(), "up", "--target", "swarm");
        assertThat(update.exitCode()).as(update.err()).isZero();
        assertThat(docker("service", "inspect", stack + "_web", "--format", "{{json .Spec.TaskTemplate.ContainerSpec.Env}}"))
                .contains("GREETING=again");
        List<String> secrets = lines(docker("secret", "ls", "--filter", "label=com.docker.stack.namespace=" + stack,
                "--format", "{{.Name}}"));
        assertThat(secrets).hasSize(1).allSatisfy(s -> assertThat(s).startsWith(stack + "_token_"));
        var logs = cli.run(config.toString(), "logs", "--target", "swarm", "api");
        assertThat(logs.out()).contains("second");

        var down = cli.run(config.toString(), "down", "--target", "swarm");
        assertThat(down.exitCode()).as(down.err()).isZero();
        String label = "label=com.docker.stack.namespace=" + stack;
        assertThat(docker("service", "ls", "-q", "--filter", label)).isBlank();
        assertThat(docker("network", "ls", "-q", "--filter", label)).isBlank();
        assertThat(docker("secret", "ls", "-q", "--filter", label)).isBlank();
        // like docker stack rm, down keeps the data
        assertThat(docker("volume", "ls", "-q", "--filter", label)).isEqualTo(stack + "_data\n");
        docker("volume", "rm", stack + "_data");
    }

    @Test
    void aServiceThatNeverRunsFailsTheUpNamingIt() throws Exception {
        writeStack("""
                services:
                  ok:
                    image: %1$s
                    command: ["sleep", "1d"]
                    deploy: {endpoint_mode: dnsrr}
                  broken:
                    image: %1$s
                    command: ["false"]
                    deploy:
                      endpoint_mode: dnsrr
                      restart_policy: {condition: none}
                """.formatted(TestImages.BUSYBOX));
        var up = cli.run(config.toString(), "up", "--target", "swarm", "-t", "10");
        assertThat(up.exitCode()).isEqualTo(Main.FAILED);
        assertThat(up.errLines().getLast()).startsWith("capstan: not converged after 10s: " + stack + "_broken 0/1 running");
    }

    @Test
    void anUpdateSwarmRolledBackFailsTheUpNamingTheService() throws Exception {
        String compose = """
                services:
                  web:
                    image: %1$s
                    command: %2$s
                    deploy:
                      replicas: 2
                      endpoint_mode: dnsrr
                      update_config: {parallelism: 1, failure_action: rollback, monitor: 3s}
                """;
        writeStack(compose.formatted(TestImages.BUSYBOX, "[\"sleep\", \"1d\"]"));
        var up = cli.run(config.toString(), "up", "--target", "swarm");
        assertThat(up.exitCode()).as(up.err()).isZero();

        Files.writeString(dir.resolve("services/app/docker-compose.yml.j2"),
                compose.formatted(TestImages.BUSYBOX, "[\"sh\", \"-c\", \"exit 3\"]"));
        var update = cli.run(config.toString(), "up", "--target", "swarm");
        assertThat(update.exitCode()).isEqualTo(Main.FAILED);
        assertThat(update.errLines().getLast()).startsWith("capstan: service 'web' (" + stack + "_web): update rollback");
        assertThat(docker("service", "inspect", stack + "_web", "--format", "{{json .Spec.TaskTemplate.ContainerSpec.Args}}"))
                .contains("sleep");
    }

    @Test
    void pruneRemovesServicesNoLongerInTheStack() throws Exception {
        String two = """
                services:
                  keep: {image: %1$s, command: ["sleep", "1d"], deploy: {endpoint_mode: dnsrr}}
                  gone: {image: %1$s, command: ["sleep", "1d"], deploy: {endpoint_mode: dnsrr}}
                """.formatted(TestImages.BUSYBOX);
        writeStack(two);
        assertThat(cli.run(config.toString(), "up", "-d", "--target", "swarm").exitCode()).isZero();
        Files.writeString(dir.resolve("services/app/docker-compose.yml.j2"), two.lines()
                .filter(l -> !l.contains("gone:")).reduce("", (a, b) -> a + b + "\n"));

        assertThat(cli.run(config.toString(), "up", "--target", "swarm").exitCode()).isZero();
        assertThat(docker("service", "ls", "--format", "{{.Name}}")).contains(stack + "_gone");
        assertThat(cli.run(config.toString(), "plan", "--target", "swarm").out())
                .contains(stack + "_gone: not in the stack (--prune removes it)");
        assertThat(cli.run(config.toString(), "plan", "--target", "swarm", "--prune").out()).contains(stack + "_gone: remove");

        var prune = cli.run(config.toString(), "up", "--target", "swarm", "--prune");
        assertThat(prune.exitCode()).as(prune.err()).isZero();
        assertThat(lines(docker("service", "ls", "--filter", "label=com.docker.stack.namespace=" + stack,
                "--format", "{{.Name}}"))).containsExactly(stack + "_keep");
    }

    @Test
    void aBindMountOfAMissingHostPathIsRefusedBeforeAnythingIsCreated() throws Exception {
        writeStack("""
                services:
                  web:
                    image: %s
                    volumes: ["/nonexistent-swarmstack13:/data"]
                    deploy: {endpoint_mode: dnsrr}
                """.formatted(TestImages.BUSYBOX));
        var up = cli.run(config.toString(), "up", "--target", "swarm");
        assertThat(up.exitCode()).isEqualTo(Main.FAILED);
        assertThat(up.errLines().getLast()).matches("capstan: build/services/app/docker-compose.yml:4 \\(from services/app/docker-compose.yml.j2:4\\): service 'web' "
                + "binds host path /nonexistent-swarmstack13, which does not exist here: create it on every node of the "
                + "swarm, or use a named volume");
        assertNothingCreated();
    }

    @Test
    void replicasOnOneFixedHostPortAreRefused() throws Exception {
        writeStack("""
                services:
                  web:
                    image: %s
                    ports:
                      - {target: 80, published: 18613, mode: host}
                    deploy: {replicas: 3, endpoint_mode: dnsrr}
                """.formatted(TestImages.BUSYBOX));
        var up = cli.run(config.toString(), "up", "--target", "swarm");
        assertThat(up.exitCode()).isEqualTo(Main.FAILED);
        assertThat(up.errLines().getLast()).contains("service 'web' wants 3 replicas on fixed host port 18613 in mode "
                + "host, but a node can run only one of them and the swarm has ");
        assertNothingCreated();
    }

    @Test
    void anOverlayNetworkOfAnotherStackIsRefused() throws Exception {
        writeStack("""
                services:
                  web:
                    image: %s
                    networks: [back]
                    deploy: {endpoint_mode: dnsrr}
                networks:
                  back: {}
                """.formatted(TestImages.BUSYBOX));
        docker("network", "create", "-d", "overlay", "--label", "com.docker.stack.namespace=" + stack + "-other",
                stack + "_back");
        try {
            var up = cli.run(config.toString(), "up", "--target", "swarm");
            assertThat(up.exitCode()).isEqualTo(Main.FAILED);
            assertThat(up.errLines().getLast()).endsWith("network '" + stack + "_back' is in use by stack '" + stack
                    + "-other': rename the network (name:) or the stack");
            assertThat(docker("service", "ls", "-q", "--filter", "label=com.docker.stack.namespace=" + stack)).isBlank();
        } finally {
            docker("network", "rm", stack + "_back");
        }
    }

    private void assertNothingCreated() throws Exception {
        String label = "label=com.docker.stack.namespace=" + stack;
        assertThat(docker("service", "ls", "-q", "--filter", label)).isBlank();
        assertThat(docker("network", "ls", "-q", "--filter", label)).isBlank();
    }
}
