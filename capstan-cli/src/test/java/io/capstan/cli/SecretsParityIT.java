package io.capstan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.capstan.stack.StackGenerator;
import io.capstan.tck.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.capstan.cli.DockerCommand.containers;
import static io.capstan.cli.DockerCommand.docker;
import static io.capstan.cli.DockerCommand.inspect;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Secrets and configs on the real engine: a {@code file:} secret is bound as Debian's {@code docker-compose} (1.29)
 * binds it, a database's {@code *_FILE} variable can read it, {@code environment:}/{@code content:} values reach the
 * container without being printed, and a changed secret recreates the service. (docker-compose 1.29 keeps one entry
 * per source when it merges several files, so each target here has its own source.)
 */
class SecretsParityIT {
    private static final String FILE_SECRETS = """
            services:
              db:
                image: %s
                command: [sleep, "3600"]
                environment:
                  POSTGRES_PASSWORD_FILE: /run/secrets/db_password
                secrets:
                  - db_password
                  - source: other_password
                    target: other
                  - source: etc_password
                    target: /etc/pw
            secrets:
              db_password:
                file: ../../secrets/db_password.txt
              other_password:
                file: ../../secrets/db_password.txt
              etc_password:
                file: ../../secrets/db_password.txt
            """;
    private static final String VALUE_SECRETS = """
            services:
              app:
                image: %s
                command: [sleep, "3600"]
                secrets: [api_token, {source: db_password, target: pw}]
                configs: [{source: greeting, target: /etc/greeting}]
            secrets:
              api_token:
                environment: API_TOKEN
              db_password:
                file: ../../secrets/db_password.txt
            configs:
              greeting:
                content: hello ${WHO}
            """;

    private final CliRunner cli = CliRunner.withEnvironmentEngine();
    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private final String ours = "secrets18-" + id + "-capstan";
    private final String theirs = "secrets18" + id + "compose";

    @TempDir
    Path dir;
    Path config;
    boolean composeUp;

    @BeforeEach
    void writeStack() throws IOException {
        config = dir.resolve("config.yml");
        Files.writeString(config, "project_name: " + ours + "\ndeployed_services: [app]\n"
                + "framework:\n  services:\n    app: {path: ./services/app}\n");
        Files.writeString(dir.resolve(".env"), "API_TOKEN=tok-" + id + "\nWHO=world\n");
        Files.createDirectories(dir.resolve("services/app"));
        Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(dir.resolve("secrets/db_password.txt"), "pw-" + id);
        Files.writeString(dir.resolve("services/docker-compose.yml.j2"), "networks:\n  default: {}\n");
    }

    private void template(String template) throws IOException {
        Files.writeString(dir.resolve("services/app/docker-compose.yml.j2"), template.formatted(TestImages.BUSYBOX));
    }

    @AfterEach
    void takeBothDown() throws Exception {
        var down = cli.run(config.toString(), "down", "-t", "0");
        assertThat(down.exitCode()).as(down.err()).isZero();
        if (composeUp) {
            compose("down", "-t", "0");
        }
        assertThat(containers("io.capstan.stack=" + ours)).isEmpty();
        assertThat(containers("com.docker.compose.project=" + theirs)).isEmpty();
    }

    @Test
    void aFileSecretIsBoundAsDockerComposeBindsItAndTheServiceReadsIt() throws Exception {
        template(FILE_SECRETS);
        var up = cli.run(config.toString(), "up", "-d");
        assertThat(up.exitCode()).as(up.err()).isZero();
        assertThat(up.err()).doesNotContain("not supported");
        composeUp = true;
        compose("up", "-d");

        assertThat(mounts(inspect("io.capstan.stack=" + ours, "db")))
                .isEqualTo(mounts(inspect("com.docker.compose.project=" + theirs, "db")))
                .containsExactly(dir.resolve("secrets/db_password.txt") + " -> /etc/pw ro",
                        dir.resolve("secrets/db_password.txt") + " -> /run/secrets/db_password ro",
                        dir.resolve("secrets/db_password.txt") + " -> /run/secrets/other ro");
        String container = containers("io.capstan.stack=" + ours).getFirst();
        assertThat(docker("exec", container, "sh", "-c", "cat $POSTGRES_PASSWORD_FILE")).isEqualTo("pw-" + id);
    }

    @Test
    void valuesReachTheContainerUnprintedAndAChangedSecretRecreatesTheService() throws Exception {
        template(VALUE_SECRETS);
        var up = cli.run(config.toString(), "up", "-d");
        assertThat(up.exitCode()).as(up.err()).isZero();
        String container = containers("io.capstan.stack=" + ours).getFirst();
        assertThat(docker("exec", container, "cat", "/run/secrets/api_token", "/run/secrets/pw", "/etc/greeting"))
                .isEqualTo("tok-" + id + "pw-" + id + "hello world");
        var shown = cli.run(config.toString(), "config");
        assertThat(shown.exitCode()).as(shown.err()).isZero();
        assertThat(shown.out()).contains("environment: API_TOKEN").doesNotContain("tok-" + id);
        assertThat(up.out() + up.err() + shown.err()).doesNotContain("tok-" + id);

        var unchanged = cli.run(config.toString(), "plan");
        assertThat(unchanged.out()).contains("unchanged app");
        Files.writeString(dir.resolve("secrets/db_password.txt"), "changed");
        var plan = cli.run(config.toString(), "plan");
        assertThat(plan.out()).contains("recreate  app (" + ours + "-app-1): secrets changed");
    }

    private static List<String> mounts(JsonNode container) {
        List<String> mounts = new ArrayList<>();
        container.path("Mounts").forEach(m -> mounts.add(m.path("Source").asText() + " -> " + m.path("Destination").asText()
                + (m.path("RW").asBoolean() ? " rw" : " ro")));
        return mounts.stream().sorted().toList();
    }

    // ---- the tools ------------------------------------------------------------------------------------------------

    private void compose(String... verb) throws Exception {
        List<String> argv = new ArrayList<>(List.of("docker-compose", "-p", theirs));
        new StackGenerator(System.getenv(), false).generate(config).composeFiles()
                .forEach(f -> argv.addAll(List.of("-f", f.toString())));
        argv.addAll(List.of(verb));
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("docker-compose " + String.join(" ", verb) + "\n" + output).isZero();
    }
}
