package io.capstan.stack.run;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.error.NotFoundException;
import io.capstan.core.spec.Mount;
import io.capstan.docker.EngineLocator;
import io.capstan.stack.compose.ComposeLoader;
import io.capstan.stack.compose.ComposeProject;
import io.capstan.tck.TestImages;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code down -v} removes anonymous volumes too. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StackVolumesIT {
    private ContainerEngine engine;
    private final String name = "values18-it-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<String> anonymousVolumes = new ArrayList<>();
    private Path file;

    @TempDir
    Path dir;

    @BeforeAll
    void connect() {
        engine = EngineLocator.fromEnvironment().locate(null);
    }

    @AfterEach
    void cleanUp() throws IOException {
        if (file != null) {
            new StackRunner(engine, load(), StackProgress.NONE).down(Duration.ZERO, true);
        }
        for (String volume : anonymousVolumes) {
            try {
                engine.volumes().remove(volume);
            } catch (NotFoundException gone) {
                // what the test wanted
            }
        }
    }

    @AfterAll
    void close() {
        engine.close();
    }

    private ComposeProject load() {
        return new ComposeLoader(Map.of(), dir).load(List.of(file), name);
    }

    private void compose(String text) throws IOException {
        file = Files.writeString(dir.resolve("compose.yml"), text.formatted(TestImages.BUSYBOX));
    }

    private String anonymousVolumeOf(ComposeProject project) {
        String container = new ServiceSpecs(project).containerName(project.services().get("app"), 1);
        String volume = engine.containers().inspect(container).mounts().stream()
                .filter(m -> m.type() == Mount.Type.VOLUME && m.target().equals("/data")).findFirst().orElseThrow().source();
        anonymousVolumes.add(volume);
        return volume;
    }

    @Test
    void downWithVolumesRemovesTheContainersAnonymousVolumesAndDownWithoutKeepsThem() throws IOException {
        compose("services:\n  app:\n    image: %s\n    command: [sleep, '300']\n    volumes: ['/data']\n");
        ComposeProject project = load();
        StackRunner runner = new StackRunner(engine, project, StackProgress.NONE);

        runner.up(StackRunner.UpOptions.DEFAULT);
        String kept = anonymousVolumeOf(project);
        runner.down(Duration.ofSeconds(1), false);
        assertThat(engine.volumes().inspect(kept).name()).isEqualTo(kept);

        runner.up(StackRunner.UpOptions.DEFAULT);
        String removed = anonymousVolumeOf(project);
        runner.down(Duration.ofSeconds(1), true);
        assertThatThrownBy(() -> engine.volumes().inspect(removed)).isInstanceOf(NotFoundException.class);
    }
}
