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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code deploy.restart_policy} on one engine, against Debian's {@code docker-compose} (1.29) in its
 * {@code --compatibility} mode (the mode in which it reads {@code deploy:} for a plain engine): the containers'
 * restart policies must match; Swarm-only keys are warned about, once each.
 */
class DeployParityIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TEMPLATE = """
            services:
              retry:
                image: %1$s
                command: [sleep, "3600"]
                deploy:
                  restart_policy: {condition: on-failure, max_attempts: 3}
                  placement: {constraints: [node.role == manager]}
              always:
                image: %1$s
                command: [sleep, "3600"]
                deploy:
                  restart_policy: {condition: any}
                  placement: {constraints: [node.role == worker]}
                  update_config: {parallelism: 1}
            """;

    private final CliRunner cli = CliRunner.withEnvironmentEngine();
    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private final String ours = "rest18-" + id + "-capstan";
    private final String theirs = "rest18" + id + "compose";

    @TempDir
    Path dir;
    Path config;
    List<Path> composeFiles;
    boolean composeUp;

    @BeforeEach
    void writeStack() throws IOException {
        config = dir.resolve("config.yml");
        Files.writeString(config, "project_name: " + ours + "\ndeployed_services: [keys]\n"
                + "framework:\n  services:\n    keys: {path: ./services/keys}\n");
        Files.createDirectories(dir.resolve("services/keys"));
        Files.writeString(dir.resolve("services/docker-compose.yml.j2"), "networks:\n  default: {}\n");
        Files.writeString(dir.resolve("services/keys/docker-compose.yml.j2"), TEMPLATE.formatted(TestImages.BUSYBOX));
        composeFiles = new StackGenerator(System.getenv(), false).generate(config).composeFiles();
    }

    @AfterEach
    void takeBothDown() throws Exception {
        var down = cli.run(config.toString(), "down", "-t", "0");
        assertThat(down.exitCode()).as(down.err()).isZero();
        if (composeUp) {
            compose("down", "-t", "0");
        }
        assertThat(docker("ps", "-aq", "--filter", "label=io.capstan.stack=" + ours)).isBlank();
        assertThat(docker("ps", "-aq", "--filter", "label=com.docker.compose.project=" + theirs)).isBlank();
    }

    @Test
    void restartPoliciesMatchDockerComposeInCompatibilityMode() throws Exception {
        var up = cli.run(config.toString(), "up", "-d");
        assertThat(up.exitCode()).as(up.err()).isZero();
        assertThat(up.err()).contains("services 'retry', 'always': 'deploy.placement' applies to Swarm only and is "
                + "ignored on one engine").contains("service 'always': 'deploy.update_config' applies to Swarm only");
        composeUp = true;
        compose("--compatibility", "up", "-d");

        for (String service : List.of("retry", "always")) {
            JsonNode capstan = inspect("io.capstan.stack=" + ours, service).at("/HostConfig/RestartPolicy");
            assertThat(capstan).as(service).isEqualTo(inspect("com.docker.compose.project=" + theirs, service)
                    .at("/HostConfig/RestartPolicy"));
        }
        assertThat(inspect("io.capstan.stack=" + ours, "retry").at("/HostConfig/RestartPolicy").toString())
                .isEqualTo("{\"Name\":\"on-failure\",\"MaximumRetryCount\":3}");
    }

    private void compose(String... verb) throws Exception {
        List<String> argv = new ArrayList<>(List.of("docker-compose", "-p", theirs));
        composeFiles.forEach(f -> argv.addAll(List.of("-f", f.toString())));
        argv.addAll(List.of(verb));
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("docker-compose " + String.join(" ", verb) + "\n" + output).isZero();
    }

    private static JsonNode inspect(String label, String service) throws Exception {
        List<String> ids = docker("ps", "-aq", "--filter", "label=" + label, "--filter",
                "label=com.docker.compose.service=" + service).lines().filter(l -> !l.isBlank()).toList();
        assertThat(ids).as(label + " " + service).hasSize(1);
        return JSON.readTree(docker("inspect", ids.getFirst())).get(0);
    }

    private static String docker(String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("docker"));
        argv.addAll(List.of(args));
        Process process = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(String.join(" ", argv)).isZero();
        return output;
    }
}
