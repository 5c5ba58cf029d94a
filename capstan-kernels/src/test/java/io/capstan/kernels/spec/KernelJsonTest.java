package io.capstan.kernels.spec;

import io.capstan.core.error.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A broken kernel.json is refused with one line naming the file and what is wrong. */
class KernelJsonTest {
    @TempDir
    Path temp;

    private Path kernelJson(String text) throws IOException {
        Path dir = Files.createDirectories(temp.resolve("docker_python"));
        return Files.writeString(dir.resolve(KernelJson.FILE), text);
    }

    @Test
    void anUnknownModeNamesTheValidModes() throws IOException {
        Path file = kernelJson("{\"metadata\": {\"capstan\": {\"mode\": \"FOO\"}}}");
        assertThatThrownBy(() -> KernelJson.read(file)).isInstanceOf(ConfigException.class)
                .hasMessage("kernelspec " + file + ": mode 'FOO' is not one of container, swarm");
    }

    @Test
    void brokenJsonIsOneLine() throws IOException {
        Path file = kernelJson("{\"metadata\": ");
        assertThatThrownBy(() -> KernelJson.read(file)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("cannot read kernelspec " + file + ": ")
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
