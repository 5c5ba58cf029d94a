package io.capstan.docker;

import io.capstan.core.error.EngineUnavailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * When no engine answers and Capstan cannot start one, it says exactly what to install or run. Tests that expect a
 * refusal assume a non-root user, so that a regression stops at "needs root" instead of starting anything.
 */
class EngineStarterTest {
    @TempDir
    Path dir;

    private EngineLocator nothingAnswers() {
        return new EngineLocator(Map.of(), List.of(new EngineLocator.Candidate("Docker socket", "unix://" + dir.resolve("docker.sock"))));
    }

    @Test
    void withoutDockerdItSaysWhatToInstall() {
        var starter = new EngineStarter(nothingAnswers(), List.of(dir.resolve("bin")), 0, dir.resolve("docker.sock"));
        assertThatThrownBy(() -> starter.ensureRunning(null, line -> { }))
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessage("no container engine is running and dockerd is not installed: install it with "
                        + "'apt-get install docker.io' (as root), then run 'capstan engine start'");
    }

    @Test
    void withoutRootItSaysHowToStartIt() throws Exception {
        var starter = new EngineStarter(nothingAnswers(), List.of(fakeDockerd()), 1000, dir.resolve("docker.sock"));
        assertThatThrownBy(() -> starter.ensureRunning(null, line -> { }))
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessageContaining("starting dockerd needs root: run 'sudo capstan engine start'");
    }

    private Path fakeDockerd() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.createFile(bin.resolve("dockerd"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        return bin;
    }

    @Test
    void anExplicitEngineThatIsDownIsNotReplacedByALocalOne() throws Exception {
        var starter = new EngineStarter(nothingAnswers(), List.of(fakeDockerd()), 1000, dir.resolve("docker.sock"));
        assertThat(starter.startsTheEngineInUse("unix://" + dir.resolve("remote.sock"))).isFalse();
        assertThatThrownBy(() -> starter.ensureRunning("unix://" + dir.resolve("remote.sock"), line -> { }))
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessageStartingWith("--engine unix://" + dir.resolve("remote.sock") + ": no engine answers there")
                .hasMessageEndingWith("('capstan engine start' starts only the local Docker engine, unix://"
                        + dir.resolve("docker.sock") + ")");
    }

    @Test
    void aDockerHostElsewhereIsNotStartedAndTheMessageSaysWhy() throws Exception {
        var locator = new EngineLocator(Map.of("DOCKER_HOST", "tcp://127.0.0.1:1"),
                List.of(new EngineLocator.Candidate("Docker socket", "unix://" + dir.resolve("docker.sock"))));
        var starter = new EngineStarter(locator, List.of(fakeDockerd()), 1000, dir.resolve("docker.sock"));
        assertThatThrownBy(() -> starter.ensureRunning(null, line -> { }))
                .hasMessageStartingWith("DOCKER_HOST=tcp://127.0.0.1:1: no engine answers there; ")
                .hasMessageContaining("unset DOCKER_HOST to use the local one")
                .hasMessageContaining("starts only the local Docker engine");
    }

    @Test
    void aDockerHostNamingTheLocalSocketIsStarted() throws Exception {
        String local = "unix://" + dir.resolve("docker.sock");
        var locator = new EngineLocator(Map.of("DOCKER_HOST", local),
                List.of(new EngineLocator.Candidate("Docker socket", local)));
        var starter = new EngineStarter(locator, List.of(fakeDockerd()), 1000, dir.resolve("docker.sock"));
        assertThat(starter.startsTheEngineInUse(null)).isTrue();
        assertThatThrownBy(() -> starter.ensureRunning(null, line -> { }))
                .as("it goes on to start dockerd, which needs root here")
                .hasMessageContaining("starting dockerd needs root");
    }
}
