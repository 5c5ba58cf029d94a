package io.capstan.cli;

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
 * build: sub-keys on the engine's classic builder: an inline Dockerfile, extra tags, image labels, extra hosts and
 * shm size seen by RUN steps, a network, cache images; BuildKit-only keys refused before anything is built. The keys
 * Debian's docker-compose (1.29) has are compared with its build; for the others the expected fields are written here.
 */
class BuildKeysIT {
    private final CliRunner cli = CliRunner.withEnvironmentEngine();
    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private final String project = "rest18-build-" + id;
    private final String extraTag = "rest18-build-" + id + "-extra:1.0";

    @TempDir
    Path dir;
    Path config;
    Path template;

    @BeforeEach
    void writeConfig() throws IOException {
        config = dir.resolve("config.yml");
        Files.writeString(config, "project_name: " + project + "\ndeployed_services: [box]\n"
                + "framework:\n  services:\n    box: {path: ./services/box}\n");
        Files.createDirectories(dir.resolve("services/box/app"));
        Files.writeString(dir.resolve("services/box/app/greeting.txt"), "hello from the context\n");
        Files.writeString(dir.resolve("services/docker-compose.yml.j2"), "networks:\n  default: {}\n");
        template = dir.resolve("services/box/docker-compose.yml.j2");
    }

    @AfterEach
    void cleanUp() throws Exception {
        cli.run(config.toString(), "clean", "-t", "0");
        run("docker", "rmi", "-f", extraTag);
    }

    @Test
    void theClassicBuilderGetsEveryKeyItTakes() throws Exception {
        Files.writeString(template, """
                services:
                  web:
                    build:
                      context: ./box/app
                      dockerfile_inline: |
                        FROM %s
                        COPY greeting.txt /greeting.txt
                        RUN cat /etc/hosts > /build-hosts && df -k /dev/shm | tail -1 > /build-shm
                      tags: ["%s"]
                      labels: {org.example.team: web}
                      extra_hosts: ["mirror.rest18:10.218.20.5"]
                      shm_size: 96m
                      network: none
                      cache_from: ["%s"]
                    command: [sleep, "3600"]
                """.formatted(TestImages.BUSYBOX, extraTag, TestImages.BUSYBOX));
        var up = cli.run(config.toString(), "up", "-d");
        assertThat(up.exitCode()).as(up.err()).isZero();

        String image = project + "-web";
        assertThat(run("docker", "image", "inspect", "--format", "{{index .Config.Labels \"org.example.team\"}}", image))
                .isEqualTo("web\n");
        assertThat(run("docker", "image", "inspect", "--format", "{{.Id}}", extraTag))
                .as("the extra tag names the same image").isEqualTo(run("docker", "image", "inspect", "--format", "{{.Id}}", image));
        String container = project + "-web-1";
        assertThat(run("docker", "exec", container, "cat", "/greeting.txt")).isEqualTo("hello from the context\n");
        assertThat(run("docker", "exec", container, "cat", "/build-hosts")).contains("10.218.20.5\tmirror.rest18");
        assertThat(run("docker", "exec", container, "cat", "/build-shm")).contains(String.valueOf(96 * 1024));
        try (var left = Files.list(dir.resolve("build/services/box/app"))) {
            assertThat(left.map(p -> p.getFileName().toString())).as("the inline Dockerfile is removed after the build")
                    .containsExactly("greeting.txt");
        }
    }

    /**
     * The keys docker-compose 1.29 has too: both builds see the same hosts and carry the same labels; its build
     * ignores {@code shm_size}, so that one is checked against the value written here.
     */
    @Test
    void theKeysDockerCompose129HasBuildTheSameImage() throws Exception {
        Files.writeString(dir.resolve("services/box/app/Dockerfile"), "FROM " + TestImages.BUSYBOX
                + "\nRUN grep mirror /etc/hosts > /build-hosts && df -k /dev/shm | tail -1 | awk '{print $2}' > /build-shm\n");
        Files.writeString(template, """
                services:
                  web:
                    build:
                      context: ./box/app
                      labels: {org.example.team: web}
                      extra_hosts: ["mirror.rest18:10.218.20.5"]
                      shm_size: 96m
                      network: none
                      cache_from: ["%s"]
                    command: [sleep, "3600"]
                """.formatted(TestImages.BUSYBOX));
        List<Path> files = new StackGenerator(System.getenv(), false).generate(config).composeFiles();
        var build = cli.run(config.toString(), "up", "-d");
        assertThat(build.exitCode()).as(build.err()).isZero();
        String theirs = "rest18build" + id + "compose";
        List<String> argv = new ArrayList<>(List.of("docker-compose", "-p", theirs));
        files.forEach(f -> argv.addAll(List.of("-f", f.toString())));
        argv.addAll(List.of("build", "web"));
        try {
            Process compose = new ProcessBuilder(argv).redirectErrorStream(true).start();
            String output = new String(compose.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(compose.waitFor()).as(output).isZero();

            String ours = project + "-web";
            String their = theirs + "_web";
            assertThat(run("docker", "run", "--rm", ours, "cat", "/build-hosts")).contains("10.218.20.5")
                    .isEqualTo(run("docker", "run", "--rm", their, "cat", "/build-hosts"));
            // docker-compose 1.29 builds with the engine's default 64 MB whatever build.shm_size says
            assertThat(run("docker", "run", "--rm", ours, "cat", "/build-shm").strip()).isEqualTo(String.valueOf(96 * 1024));
            String label = "{{index .Config.Labels \"org.example.team\"}}";
            assertThat(run("docker", "image", "inspect", "--format", label, ours)).isEqualTo("web\n")
                    .isEqualTo(run("docker", "image", "inspect", "--format", label, their));
        } finally {
            run("docker", "rmi", "-f", theirs + "_web");
        }
    }

    @Test
    void buildKitOnlyKeysAreRefusedBeforeAnythingIsBuilt() throws Exception {
        Files.writeString(template, """
                services:
                  web:
                    build:
                      context: ./box/app
                      secrets: [npm_token]
                """);
        var up = cli.run(config.toString(), "up", "-d");
        assertThat(up.exitCode()).isEqualTo(Main.FAILED);
        assertThat(up.err()).contains("docker-compose.yml:5 (from services/box/docker-compose.yml.j2:5): build.secrets needs BuildKit (to mount secrets into RUN "
                + "steps), which the engine's classic builder that Capstan uses does not have");
        assertThat(run("docker", "images", "-q", project + "-web")).isBlank();
    }

    private static String run(String... argv) throws Exception {
        Process process = new ProcessBuilder(new ArrayList<>(List.of(argv))).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return output;
    }
}
