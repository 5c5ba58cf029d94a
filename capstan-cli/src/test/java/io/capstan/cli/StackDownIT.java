package io.capstan.cli;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.ContainerFilter;
import io.capstan.core.label.Labels;
import io.capstan.core.model.ContainerSummary;
import io.capstan.core.spec.ContainerSpec;
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
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code down -t 0}, which starts removing a config's containers before its compose files are regenerated. */
class StackDownIT {
    private final CliRunner cli = CliRunner.withEnvironmentEngine();
    private final ContainerEngine engine = EngineLocator.fromEnvironment().locate(null);
    private final String project = "downit-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<String> foreign = new ArrayList<>();

    @TempDir
    Path dir;
    Path config;

    @BeforeEach
    void writeStack() throws IOException {
        config = dir.resolve("config.yml");
        writeConfig(project);
        Files.createDirectories(dir.resolve("services/web"));
        Files.writeString(dir.resolve("services/docker-compose.yml.j2"), "networks:\n  net: {}\n");
        Files.writeString(dir.resolve("services/web/docker-compose.yml.j2"), """
                services:
                  web:
                    image: %s
                    command: ["sleep", "300"]
                    networks: [net]
                  worker:
                    image: %s
                    command: ["sleep", "300"]
                    networks: [net]
                    depends_on: [web]
                """.formatted(TestImages.BUSYBOX, TestImages.BUSYBOX));
    }

    private void writeConfig(String name) throws IOException {
        Files.writeString(config, "project_name: " + name + "\ndeployed_services: [web]\n"
                + "framework:\n  services:\n    web: {path: ./services/web}\n");
    }

    @AfterEach
    void cleanUp() {
        foreign.forEach(id -> engine.containers().remove(id, true, false));
        for (String p : List.of(project, project + "-renamed")) {
            engine.containers().list(ContainerFilter.allWithLabels(StackLabels.filter(p)))
                    .forEach(c -> engine.containers().remove(c.id(), true, false));
            engine.networks().list(StackLabels.filter(p)).forEach(n -> engine.networks().remove(n.id()));
        }
        engine.close();
    }

    private void up() {
        var up = cli.run(config.toString(), "up", "-d");
        assertThat(up.exitCode()).as(up.err()).isZero();
    }

    private List<ContainerSummary> containersOf(String p) {
        return engine.containers().list(ContainerFilter.allWithLabels(StackLabels.filter(p)));
    }

    @Test
    void containersSayWhichConfigFileMadeThemAndDownRemovesEverything() throws IOException {
        up();
        String configFile = config.toRealPath().toString();
        assertThat(containersOf(project)).hasSize(2)
                .allSatisfy(c -> assertThat(c.labels()).containsEntry(StackLabels.CONFIG_FILE, configFile));

        var down = cli.run(config.toString(), "down", "-t", "0");

        assertThat(down.exitCode()).as(down.err()).isZero();
        assertThat(containersOf(project)).isEmpty();
        assertThat(engine.networks().list(StackLabels.filter(project))).isEmpty();
    }

    @Test
    void aStackWhoseTemplateNoLongerRendersIsStillTakenDownAndTheErrorSaysWhere() throws IOException {
        up();
        Files.writeString(dir.resolve("services/web/docker-compose.yml.j2"), "services: {{ broken\n");

        var down = cli.run(config.toString(), "down", "-t", "0");

        assertThat(down.exitCode()).isEqualTo(Main.FAILED);
        assertThat(down.errLines()).contains("capstan: stack '" + project + "' was taken down, but its build "
                + "directory could not be regenerated:");
        assertThat(down.err()).contains("docker-compose.yml.j2:1");
        assertThat(containersOf(project)).isEmpty();
        assertThat(engine.networks().list(StackLabels.filter(project))).isEmpty();
    }

    @Test
    void aStackWhoseProjectWasRenamedSinceItsUpGoesWithItsNetworks() throws IOException {
        up();
        writeConfig(project + "-renamed");

        var down = cli.run(config.toString(), "down", "-t", "0");

        assertThat(down.exitCode()).as(down.err()).isZero();
        assertThat(containersOf(project)).isEmpty();
        assertThat(engine.networks().list(StackLabels.filter(project))).isEmpty();
    }

    @Test
    void aContainerCapstanDidNotMakeIsLeftAloneWhateverItsLabelsSay() throws IOException {
        up();
        // someone else's container that copies the config-file and project labels, without Capstan's owner label
        String id = engine.containers().create(ContainerSpec.builder(TestImages.BUSYBOX).name(project + "-impostor")
                .command("sleep", "300").label(StackLabels.CONFIG_FILE, config.toRealPath().toString())
                .label(Labels.STACK, project).build());
        foreign.add(id);

        var down = cli.run(config.toString(), "down", "-t", "0");

        assertThat(down.exitCode()).as(down.err()).isZero();
        assertThat(containersOf(project)).isEmpty();
        assertThat(engine.containers().inspect(id).labels()).containsEntry(StackLabels.CONFIG_FILE,
                config.toRealPath().toString());
    }

    @Test
    void aGracePeriodStillTakesTheUsualPathAndItsOrder() {
        up();
        var down = cli.run(config.toString(), "down", "-t", "1");
        assertThat(down.exitCode()).as(down.err()).isZero();
        assertThat(containersOf(project)).isEmpty();
        assertThat(engine.networks().list(StackLabels.filter(project))).isEmpty();
        assertThat(down.err().indexOf("worker")).as("the dependent stops first").isLessThan(down.err().indexOf("web "));
    }
}
