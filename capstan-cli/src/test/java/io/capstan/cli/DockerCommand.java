package io.capstan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The Docker CLI, for tests that compare what Capstan and docker-compose made on the engine. */
final class DockerCommand {
    private static final ObjectMapper JSON = new ObjectMapper();

    private DockerCommand() {
    }

    /** Runs {@code docker ARGS...}, which must succeed; returns its output. */
    static String docker(String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of("docker"));
        argv.addAll(List.of(args));
        Process process = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(String.join(" ", argv)).isZero();
        return output;
    }

    /** The ids of every container, running or not, that carries {@code label} ({@code key=value}). */
    static List<String> containers(String label) throws Exception {
        return docker("ps", "-aq", "--filter", "label=" + label).lines().filter(l -> !l.isBlank()).toList();
    }

    /** {@code docker inspect} of the one container with {@code label} whose compose service is {@code service}. */
    static JsonNode inspect(String label, String service) throws Exception {
        List<String> ids = docker("ps", "-aq", "--filter", "label=" + label, "--filter",
                "label=com.docker.compose.service=" + service).lines().filter(l -> !l.isBlank()).toList();
        assertThat(ids).as(label + " " + service).hasSize(1);
        return JSON.readTree(docker("inspect", ids.getFirst())).get(0);
    }
}
