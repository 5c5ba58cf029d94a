package io.capstan.docker;

import io.capstan.core.error.EngineUnavailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** When no engine answers and Capstan cannot start one, it says exactly what to install or run. */
class EngineStarterTest {
    @TempDir
    Path dir;

    private EngineLocator nothingAnswers() {
        return new EngineLocator(Map.of(), List.of(new EngineLocator.Candidate("Docker socket", "unix://" + dir.resolve("docker.sock"))));
    }

    @Test
    void withoutDockerdItSaysWhatToInstall() {
        var starter = new EngineStarter(nothingAnswers(), List.of(dir.resolve("bin")), 0);
        assertThatThrownBy(() -> starter.ensureRunning(null, line -> { }))
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessage("no container engine is running and dockerd is not installed: install it with "
                        + "'apt-get install docker.io' (as root), then run 'capstan engine start'");
    }

    @Test
    void withoutRootItSaysHowToStartIt() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.createFile(bin.resolve("dockerd"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        var starter = new EngineStarter(nothingAnswers(), List.of(bin), 1000);
        assertThatThrownBy(() -> starter.ensureRunning(null, line -> { }))
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessageContaining("starting dockerd needs root: run 'sudo capstan engine start'");
    }

    @Test
    void anExplicitEngineThatIsDownIsNotReplacedByALocalOne() {
        var starter = new EngineStarter(nothingAnswers(), List.of(), 0);
        assertThatThrownBy(() -> starter.ensureRunning("unix://" + dir.resolve("remote.sock"), line -> { }))
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessageContaining("tried --engine unix://" + dir.resolve("remote.sock"))
                .hasMessageContaining("Capstan starts only the local Docker engine");
    }
}
