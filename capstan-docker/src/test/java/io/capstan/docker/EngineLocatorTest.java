package io.capstan.docker;

import io.capstan.core.error.ConfigException;
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
    void withoutANamedEngineTheDefaultSocketsAreTriedInOrder() {
        var locator = new EngineLocator(Map.of(), DEFAULTS);
        assertThat(locator.candidates(null)).isEqualTo(DEFAULTS);
        assertThat(locator.named(null)).isEmpty();
    }

    @Test
    void aNamedEngineIsTheOnlyOneTriedWithTheOptionFirstThenCapstanEngineThenDockerHost() {
        var both = new EngineLocator(Map.of("CAPSTAN_ENGINE", "/run/podman/podman.sock", "DOCKER_HOST", "tcp://x:1"), DEFAULTS);
        assertThat(both.candidates(null)).containsExactly(
                new EngineLocator.Candidate("CAPSTAN_ENGINE", "unix:///run/podman/podman.sock"));
        assertThat(both.candidates("unix:///tmp/other.sock")).containsExactly(
                new EngineLocator.Candidate("--engine", "unix:///tmp/other.sock"));
        var dockerHost = new EngineLocator(Map.of("DOCKER_HOST", "tcp://127.0.0.1:2375"), DEFAULTS);
        assertThat(dockerHost.candidates(null)).containsExactly(
                new EngineLocator.Candidate("DOCKER_HOST", "tcp://127.0.0.1:2375"));
        assertThat(new EngineLocator(Map.of("DOCKER_HOST", " "), DEFAULTS).candidates(null))
                .as("a blank DOCKER_HOST names nothing").isEqualTo(DEFAULTS);
    }

    @Test
    void aDockerHostThatDoesNotAnswerIsAnErrorNamingItEvenWhenTheDefaultSocketAnswers(@TempDir Path dir) throws Exception {
        Path answering = dir.resolve("answering.sock");
        try (var engine = new FakeEngine(answering)) {
            var defaults = List.of(new EngineLocator.Candidate("Docker socket", "unix://" + answering));
            var locator = new EngineLocator(Map.of("DOCKER_HOST", "unix:///nobody.sock"), defaults);
            assertThatThrownBy(() -> locator.locate(null))
                    .isInstanceOf(EngineUnavailableException.class)
                    .hasMessage("DOCKER_HOST=unix:///nobody.sock: no engine answers there (no such socket); Capstan "
                            + "tries only the engine DOCKER_HOST names: start it, or unset DOCKER_HOST to use the local one");
            assertThat(engine.pings()).as("the default socket is never asked").isZero();

            try (DockerEngine found = new EngineLocator(Map.of(), defaults).locate(null)) {
                assertThat(found.endpoint()).as("without DOCKER_HOST the same socket answers").isEqualTo("unix://" + answering);
                assertThat(engine.pings()).isOne();
            }
        }
    }

    @Test
    void aNamedEngineCapstanCannotReachIsAConfigErrorNamingIt() {
        for (String endpoint : List.of("ssh://me@build-host", "http://127.0.0.1:2375", "npipe:////./pipe/docker_engine", "garbage")) {
            var locator = new EngineLocator(Map.of("DOCKER_HOST", endpoint), DEFAULTS);
            assertThatThrownBy(() -> locator.locate(null)).isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("DOCKER_HOST=" + endpoint + ": Capstan reaches an engine at unix:///PATH or "
                            + "tcp://HOST:PORT");
        }
    }

    @Test
    void anEngineOptionThatDoesNotAnswerSaysToNameAnother(@TempDir Path dir) {
        var locator = new EngineLocator(Map.of("DOCKER_HOST", "tcp://x:1"), DEFAULTS);
        assertThatThrownBy(() -> locator.locate(dir.resolve("gone.sock").toString()))
                .hasMessage("--engine unix://" + dir.resolve("gone.sock") + ": no engine answers there (no such socket); "
                        + "Capstan tries only the engine --engine names: start it, or name another with --engine");
    }

    @Test
    void noEngineSaysEveryPlaceTriedAndHowToStartOne(@TempDir Path dir) throws Exception {
        Path refusing = dir.resolve("refusing.sock");
        try (var channel = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            channel.bind(java.net.UnixDomainSocketAddress.of(refusing));
        } // closed: the socket file stays, nobody listens
        var locator = new EngineLocator(Map.of(), List.of(
                new EngineLocator.Candidate("Podman socket (rootful)", "unix://" + refusing),
                new EngineLocator.Candidate("Docker socket", "unix://" + dir.resolve("docker.sock"))));

        assertThatThrownBy(() -> locator.locate(null))
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessageStartingWith("no container engine answered; tried Podman socket (rootful) unix://" + refusing
                        + " (does not answer), Docker socket unix://" + dir.resolve("docker.sock") + " (no such socket)")
                .hasMessageContaining("capstan engine start")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
