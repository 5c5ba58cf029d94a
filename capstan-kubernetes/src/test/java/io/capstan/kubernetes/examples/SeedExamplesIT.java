package io.capstan.kubernetes.examples;

import io.capstan.core.engine.ContainerFilter;
import io.capstan.core.error.NotFoundException;
import io.capstan.docker.EngineLocator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The example program's Docker half on the real engine: busybox's httpd plays the seed's application. */
class SeedExamplesIT {
    private static final String NAME = "k8s14-seed-" + ProcessHandle.current().pid();

    @TempDir
    Path dir;

    @Test
    void theDockerExampleRunsEndToEndAndLeavesOnlyTheImage() {
        try (var engine = EngineLocator.fromEnvironment().locate(null)) {
            try {
                String out = SeedExamplesProgram.run(dir, "docker", SeedExamplesProgram.EXAMPLES.resolve("app").toString(),
                        NAME);

                assertThat(out).startsWith("Image: " + NAME + ":latest, Size: ");
                assertThat(out).contains("Container: " + NAME + "-app, Status: running\n",
                        "Container: " + NAME + "-app, Status: exited\n", "Removed: " + NAME + "-app\n");
                assertThat(engine.containers().list(ContainerFilter.ALL))
                        .noneMatch(c -> c.name().equals(NAME + "-app"));
            } finally {
                engine.containers().list(ContainerFilter.ALL).stream().filter(c -> c.name().equals(NAME + "-app"))
                        .forEach(c -> engine.containers().remove(c.id(), true, true));
                try {
                    engine.images().remove(NAME + ":latest", true);
                } catch (NotFoundException neverBuilt) {
                    // the build failed: nothing to remove
                }
            }
        }
    }
}
