package io.capstan.stack.compose;

import io.capstan.core.error.ConfigException;
import io.capstan.stack.compose.ComposeProject.Condition;
import io.capstan.stack.run.ServiceSpecs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** pid: service:NAME and ipc: service:NAME join that service's container, which starts first. */
class SharedNamespacesTest {
    @TempDir
    Path dir;

    private ComposeProject load(String services) throws IOException {
        Path file = Files.writeString(dir.resolve("compose.yml"), "services:\n" + services);
        return new ComposeLoader(Map.of(), dir).load(List.of(file), "ns");
    }

    @Test
    void theJoinedServiceStartsFirstAndItsContainerIsNamed() throws IOException {
        ComposeProject project = load("""
                  app: {image: x, ipc: shareable}
                  debug: {image: x, pid: "service:app", ipc: "service:app"}
                """);
        ComposeProject.Service debug = project.services().get("debug");
        assertThat(debug.dependsOn()).containsExactly(Map.entry("app", Condition.SERVICE_STARTED));
        var process = new ServiceSpecs(project).spec(debug, 1, "sha256:1").settings().process();
        assertThat(process.pid()).isEqualTo("container:ns-app-1");
        assertThat(process.ipc()).isEqualTo("container:ns-app-1");
    }

    @Test
    void aMissingServiceOrANonShareableIpcIsRefusedWithItsLine() {
        assertThatThrownBy(() -> load("  debug: {image: x, pid: \"service:nope\"}\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("compose.yml:2: service 'debug' has pid 'service:nope', but 'nope' is not a service of this stack");
        assertThatThrownBy(() -> load("  debug: {image: x, ipc: \"service:debug\"}\n"))
                .hasMessage("compose.yml:2: service 'debug' has ipc 'service:debug', but 'debug' is the service itself");
        assertThatThrownBy(() -> load("  app: {image: x}\n  debug: {image: x, ipc: \"service:app\"}\n"))
                .hasMessage("compose.yml:3: service 'debug' joins the IPC namespace of 'app', which the engine shares "
                        + "only when 'app' sets ipc: shareable");
    }
}
