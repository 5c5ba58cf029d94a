package io.capstan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.cli.output.Json;
import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.ContainerFilter;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code --format json} against the engine speaks the API's JSON: snake_case keys, enums as lower-case words,
 * numbers as numbers. Keys of maps that hold data (labels, environment, driver options) are left as they are.
 */
class JsonOutputIT {
    /** Fields whose keys are the user's or the engine's data, not Capstan's names. */
    private static final Set<String> DATA_MAPS = Set.of("labels", "environment", "options", "aux_addresses");

    private final CliRunner cli = CliRunner.withEnvironmentEngine();
    private final ContainerEngine engine = EngineLocator.fromEnvironment().locate(null);
    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String project = "rest19-json-" + suffix;
    private final String container = "rest19-json-box-" + suffix;

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
                    image: %s
                    command: ["sleep", "300"]
                    restart: on-failure
                    networks: [net]
                """.formatted(TestImages.BUSYBOX));
    }

    @AfterEach
    void cleanUp() {
        cli.run("containers", "rm", "-f", container);
        engine.containers().list(ContainerFilter.allWithLabels(StackLabels.filter(project)))
                .forEach(c -> engine.containers().remove(c.id(), true, false));
        engine.networks().list(StackLabels.filter(project)).forEach(n -> engine.networks().remove(n.id()));
        engine.close();
    }

    private JsonNode json(String... args) throws IOException {
        var result = cli.run(args);
        assertThat(result.exitCode()).as(String.join(" ", args) + ": " + result.err()).isZero();
        return Json.mapper().readTree(result.out());
    }

    @Test
    void everyJsonOutputHasSnakeCaseKeysAndLowerCaseEnums() throws IOException {
        assertThat(cli.run("containers", "run", "--name", container, "-p", "80", "--restart", "no",
                TestImages.BUSYBOX, "sleep", "300").exitCode()).isZero();
        String stack = config.toString();
        List<List<String>> commands = List.of(
                List.of(stack, "up", "-d", "--format", "json"),
                List.of(stack, "ps", "-a", "--format", "json"),
                List.of(stack, "stats", "--no-stream", "--format", "json"),
                List.of(stack, "plan", "--format", "json"),
                List.of("containers", "ls", "-a", "--format", "json"),
                List.of("containers", "inspect", container),
                List.of("containers", "stats", "--no-stream", "--format", "json", container),
                List.of("images", "ls", "--format", "json"),
                List.of("networks", "ls", "--format", "json"),
                List.of("volumes", "ls", "--format", "json"),
                List.of("engine", "info", "--format", "json"));
        for (List<String> command : commands) {
            List<String> problems = new ArrayList<>();
            check(json(command.toArray(String[]::new)), "", problems);
            assertThat(problems).as(String.join(" ", command)).isEmpty();
        }

        JsonNode inspected = json("containers", "inspect", container).get(0);
        assertThat(inspected.at("/restart_policy/mode").asText()).isEqualTo("no");
        assertThat(inspected.at("/ports/0/container_port").isNumber()).isTrue();
        assertThat(inspected.at("/ports/0/host_port").isNumber()).isTrue();
        assertThat(json("engine", "info", "--format", "json").get("containers_running").isNumber()).isTrue();
        assertThat(json(stack, "stats", "--no-stream", "--format", "json").at("/0/stats/memory_usage").isNumber()).isTrue();
    }

    /** Collects keys with an upper-case letter, strings that look like an enum constant (NO, ON_FAILURE) or a number. */
    private static void check(JsonNode node, String path, List<String> problems) {
        if (node.isObject()) {
            node.properties().forEach(field -> {
                if (!field.getKey().equals(field.getKey().toLowerCase(java.util.Locale.ROOT))) {
                    problems.add("key " + path + "/" + field.getKey());
                }
                if (!DATA_MAPS.contains(field.getKey())) {
                    check(field.getValue(), path + "/" + field.getKey(), problems);
                }
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                check(node.get(i), path + "/" + i, problems);
            }
        } else if (node.isTextual() && node.asText().matches("[A-Z][A-Z_]+")) {
            problems.add("enum " + path + " = " + node.asText());
        } else if (node.isTextual() && node.asText().matches("\\d+")) {
            problems.add("number as text " + path + " = " + node.asText());
        }
    }
}
