package io.capstan.cli;

import io.capstan.tck.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * post_start and pre_stop hooks on the real engine (docker-compose 1.29 has neither: the expected results are
 * written here): post_start runs after the container starts, with its user, working_dir and environment; pre_stop
 * runs before stop, down and recreation; a failing post_start fails the service with its exit code, and neither
 * its command line nor its output (which may hold a secret's value) is printed.
 */
class HooksIT {
    private final CliRunner cli = CliRunner.withEnvironmentEngine();
    private final String project = "rest18-hooks-" + UUID.randomUUID().toString().substring(0, 8);

    @TempDir
    Path dir;
    Path config;
    Path template;
    Path shared;

    @BeforeEach
    void writeConfig() throws IOException {
        config = dir.resolve("config.yml");
        Files.writeString(config, "project_name: " + project + "\ndeployed_services: [box]\n"
                + "framework:\n  services:\n    box: {path: ./services/box}\n");
        Files.createDirectories(dir.resolve("services/box"));
        Files.writeString(dir.resolve("services/docker-compose.yml.j2"), "networks:\n  default: {}\n");
        template = dir.resolve("services/box/docker-compose.yml.j2");
        shared = Files.createDirectories(dir.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx")); // hooks run as another user
    }

    private void web(String version, String hooks) throws IOException {
        Files.writeString(template, """
                services:
                  web:
                    image: %s
                    command: [sleep, "3600"]
                    labels: {rest18.version: "%s"}
                    volumes: ["%s:/shared"]
                """.formatted(TestImages.BUSYBOX, version, shared) + hooks);
    }

    @AfterEach
    void down() {
        cli.run(config.toString(), "down", "-t", "0");
    }

    @Test
    void postStartRunsAfterStartAndPreStopBeforeEveryStop() throws Exception {
        web("1", """
                    post_start:
                      - command: [sh, -c, "echo $$GREETING $$(id -u) $$(pwd) >> /shared/post_start"]
                        user: "1234"
                        working_dir: /tmp
                        environment: {GREETING: hello}
                    pre_stop:
                      - command: [sh, -c, "echo stopping >> /shared/pre_stop"]
                """);
        var up = cli.run(config.toString(), "up", "-d");
        assertThat(up.exitCode()).as(up.err()).isZero();
        assertThat(Files.readString(shared.resolve("post_start"))).isEqualTo("hello 1234 /tmp\n");

        var stop = cli.run(config.toString(), "stop");
        assertThat(stop.exitCode()).as(stop.err()).isZero();
        assertThat(Files.readAllLines(shared.resolve("pre_stop"))).containsExactly("stopping");
        var start = cli.run(config.toString(), "start");
        assertThat(start.exitCode()).as(start.err()).isZero();
        assertThat(Files.readAllLines(shared.resolve("post_start"))).hasSize(2);

        web("2", """
                    pre_stop:
                      - command: [sh, -c, "echo stopping >> /shared/pre_stop"]
                """);
        var recreate = cli.run(config.toString(), "up", "-d");
        assertThat(recreate.exitCode()).as(recreate.err()).isZero();
        assertThat(Files.readAllLines(shared.resolve("pre_stop"))).as("run before recreation").hasSize(2);
        assertThat(Files.readAllLines(shared.resolve("post_start"))).as("the new container has none").hasSize(2);

        var down = cli.run(config.toString(), "down");
        assertThat(down.exitCode()).as(down.err()).isZero();
        assertThat(Files.readAllLines(shared.resolve("pre_stop"))).as("run before down").hasSize(3);
    }

    @Test
    void aFailingPostStartHookFailsTheServiceWithItsCodeAndPrintsNothingItWrote() throws Exception {
        web("1", """
                    post_start:
                      - command: [sh, -c, "echo checking; echo config is missing >&2; exit 3"]
                """);
        var up = cli.run(config.toString(), "up", "-d");
        assertThat(up.exitCode()).isEqualTo(Main.FAILED);
        assertThat(up.err()).contains("post_start hook 1 of service 'web' exited with code 3")
                .doesNotContain("config is missing").doesNotContain("echo checking");
    }

    @Test
    void aFailingPreStopHookIsAWarningAndTheContainerStopsAnyway() throws Exception {
        web("1", """
                    pre_stop:
                      - command: [sh, -c, "exit 5"]
                """);
        assertThat(cli.run(config.toString(), "up", "-d").exitCode()).isZero();
        var down = cli.run(config.toString(), "down");
        assertThat(down.exitCode()).as(down.err()).isZero();
        assertThat(down.err()).contains("pre_stop hook 1 of service 'web' exited with code 5: the container is stopped anyway");
        assertThat(docker("ps", "-aq", "--filter", "label=io.capstan.stack=" + project)).isBlank();
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
