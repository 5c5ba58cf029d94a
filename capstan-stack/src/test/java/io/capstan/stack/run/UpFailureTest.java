package io.capstan.stack.run;

import io.capstan.core.error.CapstanException;
import io.capstan.core.error.EngineException;
import io.capstan.core.error.EngineUnavailableException;
import io.capstan.stack.compose.ComposeLoader;
import io.capstan.stack.compose.ComposeProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The one line a failed up ends with: every failed service in the stack's order, and what became of what it made. */
class UpFailureTest {
    @TempDir
    Path dir;

    private ComposeProject project() throws Exception {
        Path file = Files.writeString(dir.resolve("docker-compose.yml"), """
                services:
                  db: {image: capstan-busybox:test}
                  api: {image: capstan-busybox:test, depends_on: [db]}
                  web: {image: capstan-busybox:test}
                """);
        return new ComposeLoader(Map.of(), dir).load(List.of(file), "shop");
    }

    private static Map<String, Throwable> apiAndDbFailed() {
        Map<String, Throwable> failures = new LinkedHashMap<>();
        failures.put("api", new DependencyFailed("it depends on 'db', which failed"));
        failures.put("db", new EngineException("exited at once with code 2"));
        return failures;
    }

    @Test
    void namesEachFailedServiceInTheStacksOrderAndWhatWasLeftInPlace() throws Exception {
        CreatedByUp created = new CreatedByUp();
        created.resource("network", "shop_default");
        created.container("c1");
        created.container("c2");

        CapstanException e = UpFailure.of(project(), apiAndDbFailed(), created, false);

        assertThat(e).hasMessage("up failed: service 'db' failed: exited at once with code 2; service 'api' was not "
                + "started: it depends on 'db', which failed; the 2 containers this up created are left in place "
                + "(see 'ps'; --rollback removes them)");
    }

    @Test
    void afterARollbackSaysWhatWasRemoved() throws Exception {
        CreatedByUp created = new CreatedByUp();
        created.resource("network", "shop_default");
        created.resource("volume", "shop_data");
        created.container("c1");

        assertThat(UpFailure.of(project(), apiAndDbFailed(), created, true)).hasMessageEndingWith(
                "; removed what this up created: 1 container, 1 network, 1 volume");
        assertThat(created.containerIds()).containsExactly("c1");
        assertThat(created.all()).containsExactly("network:shop_default", "volume:shop_data", "c1");
    }

    @Test
    void anEngineThatStoppedAnsweringIsReportedAsItself() throws Exception {
        Map<String, Throwable> failures = apiAndDbFailed();
        EngineUnavailableException gone = new EngineUnavailableException("the engine at unix:///var/run/docker.sock does not answer");
        failures.put("web", gone);

        assertThat(UpFailure.of(project(), failures, new CreatedByUp(), false)).isSameAs(gone);
    }
}
