package io.capstan.docker;

import io.capstan.core.error.EngineUnavailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EngineLocatorTest {
    private static final List<EngineLocator.Candidate> DEFAULTS = List.of(
            new EngineLocator.Candidate("Docker socket", "unix:///var/run/docker.sock"),
            new EngineLocator.Candidate("Podman socket (rootful)", "unix:///run/podman/podman.sock"));

    @Test
    void triesDockerHostThenTheDefaultSocketsInOrder() {
        var locator = new EngineLocator(Map.of("DOCKER_HOST", "tcp://127.0.0.1:2375"), DEFAULTS);
        assertThat(locator.candidates(null)).extracting(EngineLocator.Candidate::source)
                .containsExactly("DOCKER_HOST", "Docker socket", "Podman socket (rootful)");
    }

    @Test
    void anExplicitEngineIsTheOnlyOneTried() {
        var locator = new EngineLocator(Map.of("CAPSTAN_ENGINE", "/run/podman/podman.sock", "DOCKER_HOST", "tcp://x:1"), DEFAULTS);
        assertThat(locator.candidates(null)).containsExactly(
                new EngineLocator.Candidate("CAPSTAN_ENGINE", "unix:///run/podman/podman.sock"));
        assertThat(locator.candidates("unix:///tmp/other.sock")).containsExactly(
                new EngineLocator.Candidate("--engine", "unix:///tmp/other.sock"));
    }

    @Test
    void aDockerHostEqualToADefaultIsTriedOnce() {
        var locator = new EngineLocator(Map.of("DOCKER_HOST", "unix:///var/run/docker.sock"), DEFAULTS);
        assertThat(locator.candidates(null)).hasSize(2);
    }

    @Test
    void noEngineSaysEveryPlaceTriedAndHowToStartOne(@TempDir Path dir) throws Exception {
        Path refusing = dir.resolve("refusing.sock");
        try (var channel = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            channel.bind(java.net.UnixDomainSocketAddress.of(refusing));
        } // closed: the socket file stays, nobody listens
        var locator = new EngineLocator(Map.of("DOCKER_HOST", "unix://" + refusing), List.of(
                new EngineLocator.Candidate("Docker socket", "unix://" + dir.resolve("docker.sock"))));

        assertThatThrownBy(() -> locator.locate(null))
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessageStartingWith("no container engine answered; tried DOCKER_HOST unix://" + refusing + " (does not answer), "
                        + "Docker socket unix://" + dir.resolve("docker.sock") + " (no such socket)")
                .hasMessageContaining("capstan engine start")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
