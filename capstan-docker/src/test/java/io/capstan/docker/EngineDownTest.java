package io.capstan.docker;

import io.capstan.core.engine.ContainerFilter;
import io.capstan.core.error.EngineUnavailableException;
import io.capstan.core.spec.ContainerSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An engine nobody answers for: every operation fails with one clear line, never a transport stack trace. */
class EngineDownTest {

    @Test
    void everyOperationSaysTheEngineDoesNotAnswer(@TempDir Path dir) {
        String endpoint = "unix://" + dir.resolve("nobody.sock");
        try (DockerEngine engine = DockerEngine.connect(endpoint)) {
            assertThatThrownBy(engine::info).isInstanceOf(EngineUnavailableException.class)
                    .hasMessageStartingWith("the container engine at " + endpoint + " does not answer")
                    .hasMessageEndingWith("start it with 'capstan engine start'");
            assertThatThrownBy(() -> engine.containers().list(ContainerFilter.ALL)).isInstanceOf(EngineUnavailableException.class);
            assertThatThrownBy(() -> engine.containers().create(ContainerSpec.builder("busybox").build()))
                    .isInstanceOf(EngineUnavailableException.class);
            assertThatThrownBy(() -> engine.images().list()).isInstanceOf(EngineUnavailableException.class);
            assertThatThrownBy(() -> engine.events(io.capstan.core.engine.EventFilter.ALL, e -> { }))
                    .isInstanceOf(EngineUnavailableException.class);
        }
    }

    @Test
    void anEngineElsewhereIsNotToBeStartedHere() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String endpoint = "tcp://127.0.0.1:" + port;
        try (DockerEngine engine = DockerEngine.connect(endpoint)) {
            assertThatThrownBy(engine::info).isInstanceOf(EngineUnavailableException.class)
                    .hasMessageStartingWith("the container engine at " + endpoint + " does not answer")
                    .hasMessageEndingWith("check that it runs there and that this machine reaches it");
        }
    }
}
