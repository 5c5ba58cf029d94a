package io.capstan.docker;

import io.capstan.core.engine.Engines;
import io.capstan.core.error.ConfigException;
import io.capstan.core.error.EngineUnavailableException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DockerEngineProviderTest {
    @Test
    void theDockerProviderIsFoundOnTheClassPath() {
        assertThat(Engines.discover().provider(DockerEngineProvider.class)).isPresent();
    }

    @Test
    void throughTheCoreEntryPointANamedEngineKeepsItsMessage() {
        var locator = new EngineLocator(Map.of("DOCKER_HOST", "unix:///nobody.sock"),
                List.of(new EngineLocator.Candidate("Docker socket", "unix:///nobody-either.sock")));
        var engines = Engines.of(new DockerEngineProvider(locator));

        assertThatThrownBy(() -> engines.locate(null))
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessage("DOCKER_HOST=unix:///nobody.sock: no engine answers there (no such socket); Capstan "
                        + "tries only the engine DOCKER_HOST names: start it, or unset DOCKER_HOST to use the local one");
        assertThatThrownBy(() -> engines.locate("ssh://host"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("--engine ssh://host: Capstan reaches an engine at unix:///PATH or tcp://HOST:PORT");
    }

    @Test
    void withoutANamedEngineEveryDefaultSocketIsNamed() {
        var locator = new EngineLocator(Map.of(),
                List.of(new EngineLocator.Candidate("Docker socket", "unix:///nobody.sock")));

        assertThatThrownBy(() -> Engines.of(new DockerEngineProvider(locator)).locate(null))
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessageStartingWith("no container engine answered; tried Docker socket unix:///nobody.sock (no such socket)");
    }
}
