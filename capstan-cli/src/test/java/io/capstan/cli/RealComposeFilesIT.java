package io.capstan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compose files in the shapes real projects write (src/test/resources/real-compose: an app with its database and
 * cache, a monitoring stack, extends and profiles, fixed networks, YAML anchors and x- extensions; every image the
 * local busybox) go through {@code plan}, {@code up -d}, {@code ps} and {@code down -v}: every service runs, and
 * nothing of the stack (container, network, volume, anonymous volumes included) is left behind.
 */
class RealComposeFilesIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CliRunner cli = CliRunner.withEnvironmentEngine();

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "webapp     | db cache migrate web worker | migrate |",
            "monitoring | prometheus alertmanager grafana node-exporter loki | |",
            "profiles   | api scheduler debug docs | | debug",
            "fixednet   | proxy app resolver | |",
            "anchors    | api worker beat beat | |"})
    void runsAndLeavesNothingBehind(String name, String services, String oneShot, String profile) throws Exception {
        String project = "rest18-" + UUID.randomUUID().toString().substring(0, 8) + "-" + name;
        Path config = writeProject(name, project);
        List<String> profiles = profile == null ? List.of() : List.of("--profile", profile);
        List<String> expected = List.of(services.split(" "));
        List<String> anonymousVolumes = new ArrayList<>();
        try {
            var plan = verb(config, profiles, "plan");
            assertThat(plan.exitCode()).as(plan.err()).isZero();
            expected.stream().distinct().forEach(s -> assertThat(plan.out()).as("plan").contains("create    " + s + " ("));
            assertThat(plan.err()).as("no key of a real file is dropped").doesNotContain("is not supported");

            var up = verb(config, profiles, "up", "-d");
            assertThat(up.exitCode()).as(up.out() + up.err()).isZero();

            var ps = verb(config, profiles, "ps", "-a", "--format", "json");
            assertThat(ps.exitCode()).as(ps.err()).isZero();
            List<String> ran = new ArrayList<>();
            for (JsonNode container : containers(project)) {
                String service = container.at("/Config/Labels").path("com.docker.compose.service").asText();
                boolean finished = oneShot != null && oneShot.equals(service);
                assertThat(container.at("/State/Status").asText()).as(service).isEqualTo(finished ? "exited" : "running");
                assertThat(container.at("/State/ExitCode").asInt()).as(service).isZero();
                assertThat(ps.out()).as("ps").contains(container.get("Name").asText().substring(1));
                ran.add(service);
                container.get("Mounts").forEach(m -> {
                    if (m.path("Type").asText().equals("volume") && !m.path("Name").asText().startsWith(project)) {
                        anonymousVolumes.add(m.path("Name").asText());
                    }
                });
            }
            assertThat(ran).containsExactlyInAnyOrderElementsOf(expected);
        } finally {
            var down = verb(config, profiles, "down", "-v", "-t", "0");
            assertThat(down.exitCode()).as(down.err()).isZero();
        }
        assertThat(docker("ps", "-aq", "--filter", "label=io.capstan.stack=" + project)).as("containers").isBlank();
        assertThat(docker("network", "ls", "-q", "--filter", "name=" + project)).as("networks").isBlank();
        assertThat(docker("volume", "ls", "-q", "--filter", "name=" + project)).as("volumes").isBlank();
        for (String volume : anonymousVolumes) {
            assertThat(docker("volume", "ls", "-q", "--filter", "name=" + volume)).as("anonymous volume").isBlank();
        }
    }

    /** A project whose one service directory holds the compose file (as its template) and the files next to it. */
    private Path writeProject(String name, String project) throws IOException, URISyntaxException {
        Path config = dir.resolve("config.yml");
        Files.writeString(config, "project_name: " + project + "\ndeployed_services: [" + name + "]\n"
                + "framework:\n  services:\n    " + name + ": {path: ./services/" + name + "}\n");
        Files.createDirectories(dir.resolve("services"));
        Files.writeString(dir.resolve("services/docker-compose.yml.j2"), "networks:\n  default: {}\n");
        Path source = Path.of(getClass().getResource("/real-compose/" + name).toURI());
        Path target = dir.resolve("services").resolve(name);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : files.toList()) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, file.getFileName().toString().equals("docker-compose.yml")
                            ? copy.resolveSibling("docker-compose.yml.j2") : copy);
                }
            }
        }
        return config;
    }

    private CliRunner.Result verb(Path config, List<String> profiles, String... verb) {
        List<String> args = new ArrayList<>(List.of(config.toString()));
        args.addAll(List.of(verb));
        args.addAll(profiles);
        return cli.run(args.toArray(String[]::new));
    }

    private static List<JsonNode> containers(String project) throws Exception {
        List<JsonNode> result = new ArrayList<>();
        for (String id : docker("ps", "-aq", "--filter", "label=io.capstan.stack=" + project).lines()
                .filter(l -> !l.isBlank()).toList()) {
            result.add(JSON.readTree(docker("inspect", id)).get(0));
        }
        return result;
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
