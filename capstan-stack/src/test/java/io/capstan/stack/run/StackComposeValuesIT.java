package io.capstan.stack.run;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.model.Health;
import io.capstan.core.spec.PortMapping;
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
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Compose values Capstan once refused reach the engine as Compose means them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StackComposeValuesIT {
    private ContainerEngine engine;
    private final String name = "values18-ports-" + UUID.randomUUID().toString().substring(0, 8);
    private ComposeProject project;

    @TempDir
    Path dir;

    @BeforeAll
    void connect() {
        engine = EngineLocator.fromEnvironment().locate(null);
    }

    @AfterEach
    void down() {
        if (project != null) {
            new StackRunner(engine, project, StackProgress.NONE).down(Duration.ZERO, true);
        }
    }

    @AfterAll
    void close() {
        engine.close();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Test
    void theEnginePicksAHostPortInAPublishedRangeOnAllAddresses() throws IOException {
        int first = freePort();
        Path file = Files.writeString(dir.resolve("compose.yml"), """
                services:
                  web:
                    image: %s
                    command: [httpd, -f, -p, '80', -h, /etc]
                    ports:
                      - {target: 80, published: '%d-%d'}
                      - '${BIND:-}::81'
                """.formatted(TestImages.BUSYBOX, first, first + 1));
        project = new ComposeLoader(Map.of(), dir).load(List.of(file), name);
        new StackRunner(engine, project, StackProgress.NONE).up(StackRunner.UpOptions.DEFAULT);

        List<PortMapping> bound = engine.containers().inspect(new ServiceSpecs(project).containerName(
                project.services().get("web"), 1)).ports();
        assertThat(bound).filteredOn(p -> p.containerPort() == 80).isNotEmpty()
                .allSatisfy(p -> assertThat(p.hostPort()).isBetween(first, first + 1));
        assertThat(bound).filteredOn(p -> p.containerPort() == 81).isNotEmpty()
                .allSatisfy(p -> assertThat(p.hostPort()).isPositive());
    }

    @Test
    void aHealthcheckWithTimingsButNoTestRunsTheImagesTest() throws IOException {
        Path file = Files.writeString(dir.resolve("compose.yml"), """
                services:
                  checked:
                    image: %s
                    command: [sh, -c, 'touch /tmp/ready; exec sleep 300']
                    healthcheck: {interval: 1s, retries: 3}
                  unchecked:
                    image: %s
                    command: [sleep, '300']
                    healthcheck: {disable: false}
                """.formatted(TestImages.BUSYBOX_HEALTHY, TestImages.BUSYBOX));
        project = new ComposeLoader(Map.of(), dir).load(List.of(file), name);
        new StackRunner(engine, project, StackProgress.NONE).up(StackRunner.UpOptions.DEFAULT);
        ServiceSpecs specs = new ServiceSpecs(project);
        await().atMost(Duration.ofSeconds(60)).until(() -> engine.containers()
                .inspect(specs.containerName(project.services().get("checked"), 1)).health() == Health.HEALTHY);
        assertThat(engine.containers().inspect(specs.containerName(project.services().get("unchecked"), 1)).health())
                .isEqualTo(Health.NONE);
    }
}
