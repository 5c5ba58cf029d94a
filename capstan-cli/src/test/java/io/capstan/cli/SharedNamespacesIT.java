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
 * {@code pid: service:NAME} and {@code ipc: service:NAME}, by Capstan and by Debian's {@code docker-compose} (1.29):
 * both join the named service's container, which sees the joiner's processes; replacing it replaces the joiner.
 */
class SharedNamespacesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TEMPLATE = """
            services:
              app:
                image: %1$s
                command: [sleep, "3600"]
                ipc: shareable
                labels: {rest18.version: "1"}
              debug:
                image: %1$s
                command: [sleep, "3601"]
                pid: "service:app"
                ipc: "service:app"
            """;

    private final CliRunner cli = CliRunner.withEnvironmentEngine();
    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private final String ours = "rest18-" + id + "-capstan";
    private final String theirs = "rest18" + id + "compose";

    @TempDir
    Path dir;
    Path config;
    Path template;
    List<Path> composeFiles;
    boolean composeUp;

    @BeforeEach
    void writeStack() throws IOException {
        config = dir.resolve("config.yml");
        Files.writeString(config, "project_name: " + ours + "\ndeployed_services: [keys]\n"
                + "framework:\n  services:\n    keys: {path: ./services/keys}\n");
        Files.createDirectories(dir.resolve("services/keys"));
        Files.writeString(dir.resolve("services/docker-compose.yml.j2"), "networks:\n  default: {}\n");
        template = dir.resolve("services/keys/docker-compose.yml.j2");
        Files.writeString(template, TEMPLATE.formatted(TestImages.BUSYBOX));
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
    void bothJoinTheNamedServicesContainer() throws Exception {
        var up = cli.run(config.toString(), "up", "-d");
        assertThat(up.exitCode()).as(up.err()).isZero();
        composeUp = true;
        compose("up", "-d");

        for (String label : List.of("io.capstan.stack=" + ours, "com.docker.compose.project=" + theirs)) {
            JsonNode app = inspect(label, "app");
            JsonNode debug = inspect(label, "debug");
            for (String field : List.of("PidMode", "IpcMode")) {
                String target = debug.at("/HostConfig/" + field).asText().substring("container:".length());
                assertThat(inspectId(target)).as(label + " " + field).isEqualTo(app.get("Id").asText());
            }
            // in one PID namespace, app sees debug's sleep
            assertThat(docker("exec", app.get("Id").asText(), "ps")).as(label).contains("sleep 3601");
        }
    }

    @Test
    void replacingTheJoinedServiceReplacesTheJoiner() throws Exception {
        var up = cli.run(config.toString(), "up", "-d");
        assertThat(up.exitCode()).as(up.err()).isZero();
        Files.writeString(template, TEMPLATE.formatted(TestImages.BUSYBOX).replace("rest18.version: \"1\"", "rest18.version: \"2\""));

        var plan = cli.run(config.toString(), "plan");
        assertThat(plan.out()).contains("recreate  app (" + ours + "-app-1): labels changed")
                .contains("recreate  debug (" + ours + "-debug-1): pid, ipc changed");
        var again = cli.run(config.toString(), "up", "-d");
        assertThat(again.exitCode()).as(again.err()).isZero();
        JsonNode app = inspect("io.capstan.stack=" + ours, "app");
        assertThat(docker("exec", app.get("Id").asText(), "ps")).contains("sleep 3601");
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

    private static String inspectId(String nameOrId) throws Exception {
        return docker("inspect", "--format", "{{.Id}}", nameOrId).strip();
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
