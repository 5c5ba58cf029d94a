package io.capstan.orchestration.engine;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.error.ConflictException;
import io.capstan.core.error.NotFoundException;
import io.capstan.docker.EngineLocator;
import io.capstan.orchestration.DockerContainer;
import io.capstan.orchestration.DockerIntegration;
import io.capstan.tck.TestImages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Docker side of the orchestration API on the real engine (busybox standing in for the seed's application). */
class EngineDockerIntegrationIT {
    private static final String PREFIX = "k8s14-docker-api-" + ProcessHandle.current().pid();
    private static final String TAG = PREFIX + ":latest";

    private ContainerEngine engine;
    private DockerIntegration docker;

    @TempDir
    Path dir;

    @BeforeEach
    void connect() {
        engine = EngineLocator.fromEnvironment().locate(null);
        docker = new EngineDockerIntegration(engine);
    }

    @AfterEach
    void cleanUp() {
        engine.containers().list(io.capstan.core.engine.ContainerFilter.ALL).stream()
                .filter(c -> c.name().startsWith(PREFIX))
                .forEach(c -> engine.containers().remove(c.id(), true, true));
        ignoreMissing(() -> engine.networks().remove(PREFIX + "-net"));
        ignoreMissing(() -> engine.volumes().remove(PREFIX + "-data"));
        ignoreMissing(() -> engine.images().remove(TAG, true));
        engine.close();
    }

    @Test
    void buildsAndRunsAContainerAsTheSeedsExampleDoes() throws Exception {
        Files.writeString(dir.resolve("App.dockerfile"), "FROM " + TestImages.BUSYBOX + "\nCMD [\"sleep\", \"300\"]\n");

        var image = docker.buildImage(dir, TAG, "App.dockerfile");
        assertThat(image.reference()).isEqualTo(TAG);
        assertThat(image.size()).isPositive();
        assertThat(docker.listImages()).extracting(i -> i.reference()).contains(TAG);

        DockerContainer created = docker.createContainer(TAG, PREFIX + "-app", Map.of("8080/tcp", 0),
                Map.of("NODE_ENV", "production"));
        assertThat(created.status()).isEqualTo("created");
        assertThat(created.environment()).containsEntry("NODE_ENV", "production");

        DockerContainer running = docker.startContainer(created);
        assertThat(running.status()).isEqualTo("running");
        assertThat(running.ports()).containsKey("8080/tcp");
        assertThat(running.ports().get("8080/tcp")).as("a free host port was chosen").isPositive();
        assertThat(docker.listContainers()).filteredOn(c -> c.name().equals(PREFIX + "-app"))
                .extracting(DockerContainer::status).containsExactly("running");
        assertThatThrownBy(() -> docker.removeContainer(running)).isInstanceOf(ConflictException.class);

        assertThat(docker.stopContainer(running).status()).isEqualTo("exited");
        docker.removeContainer(running);
        assertThat(docker.listContainers()).extracting(DockerContainer::name).doesNotContain(PREFIX + "-app");
    }

    @Test
    void networksAndVolumesComeAndGo() {
        var network = docker.createNetwork(PREFIX + "-net", null);
        assertThat(network.driver()).isEqualTo("bridge");
        assertThat(network.scope()).isEqualTo("local");
        docker.removeNetwork(network);
        assertThatThrownBy(() -> engine.networks().inspect(PREFIX + "-net")).isInstanceOf(NotFoundException.class);

        var volume = docker.createVolume(PREFIX + "-data");
        assertThat(volume.name()).isEqualTo(PREFIX + "-data");
        assertThat(volume.driver()).isEqualTo("local");
        assertThat(volume.mountpoint()).isNotBlank();
        docker.removeVolume(volume);
        assertThatThrownBy(() -> engine.volumes().inspect(PREFIX + "-data")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aMissingImageIsOneLine() {
        assertThatThrownBy(() -> docker.createContainer(PREFIX + "-none:1", PREFIX + "-x", Map.of(), Map.of()))
                .isInstanceOf(NotFoundException.class)
                .hasMessageStartingWith("image '" + PREFIX + "-none:1' not found");
    }

    private static void ignoreMissing(Runnable removal) {
        try {
            removal.run();
        } catch (NotFoundException gone) {
            // nothing to clean up
        }
    }
}
