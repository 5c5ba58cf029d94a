package io.capstan.stack.run;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.label.Labels;
import io.capstan.core.model.ContainerSummary;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Services of inactive profiles are not started, nor orphans, and {@code down} removes them with the rest. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StackProfilesIT {
    private ContainerEngine engine;
    private final String name = "values18-it-" + UUID.randomUUID().toString().substring(0, 8);
    private Path file;

    @TempDir
    Path dir;

    @BeforeAll
    void connect() {
        engine = EngineLocator.fromEnvironment().locate(null);
    }

    @AfterEach
    void cleanUp() {
        if (file != null) {
            new StackRunner(engine, load(List.of("*")), StackProgress.NONE).down(Duration.ZERO, true);
        }
    }

    @AfterAll
    void close() {
        engine.close();
    }

    private ComposeProject load(List<String> profiles) {
        return new ComposeLoader(Map.of(), dir).withProfiles(profiles).load(List.of(file), name);
    }

    private void compose(String text) throws IOException {
        file = Files.writeString(dir.resolve("compose.yml"), text.formatted(TestImages.BUSYBOX, TestImages.BUSYBOX));
    }

    @Test
    void servicesOfInactiveProfilesDoNotStartAreNoOrphansAndDownRemovesThemToo() throws IOException {
        compose("""
                services:
                  app:
                    image: %s
                    command: [sleep, '300']
                  debug:
                    image: %s
                    command: [sleep, '300']
                    profiles: [debug]
                """);
        StackRunner.UpResult plain = new StackRunner(engine, load(List.of()), StackProgress.NONE).up(StackRunner.UpOptions.DEFAULT);
        assertThat(services()).containsExactly("app");
        assertThat(plain.plan().actions()).extracting(StackPlan.Action::service).containsOnly("app");

        new StackRunner(engine, load(List.of("debug")), StackProgress.NONE).up(StackRunner.UpOptions.DEFAULT);
        assertThat(services()).containsExactlyInAnyOrder("app", "debug");

        StackRunner withoutProfile = new StackRunner(engine, load(List.of()), StackProgress.NONE);
        StackRunner.UpResult again = withoutProfile.up(new StackRunner.UpOptions(false, true, false, false, Duration.ofMinutes(1)));
        assertThat(again.plan().orphans()).isEmpty();
        assertThat(services()).containsExactlyInAnyOrder("app", "debug");

        withoutProfile.down(Duration.ZERO, false);
        assertThat(services()).isEmpty();
    }

    private List<String> services() {
        return engine.containers().list(io.capstan.core.engine.ContainerFilter.allWithLabels(StackLabels.filter(name))).stream()
                .map(ContainerSummary::labels).map(l -> l.get(Labels.SERVICE)).toList();
    }
}
