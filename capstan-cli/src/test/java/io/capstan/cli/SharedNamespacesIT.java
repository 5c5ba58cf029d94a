package io.capstan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.tck.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.util.List;

import static io.capstan.cli.DockerCommand.docker;
import static io.capstan.cli.DockerCommand.inspect;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code pid: service:NAME} and {@code ipc: service:NAME}, by Capstan and by Debian's {@code docker-compose} (1.29):
 * both join the named service's container, which sees the joiner's processes; replacing it replaces the joiner.
 */
class SharedNamespacesIT {
    private static final String TEMPLATE = """
            services:
              app:
                image: %1$s
                command: [sleep, "3600"]
                ipc: shareable
                labels: {rest18.version: "1"}
              debug:
                image: %1$s
                command: [sleep, "3601"]
                pid: "service:app"
                ipc: "service:app"
            """;

    private final CliRunner cli = CliRunner.withEnvironmentEngine();
    @RegisterExtension
    final SideBySideStack stack = SideBySideStack.of("rest18", TEMPLATE.formatted(TestImages.BUSYBOX));

    @Test
    void bothJoinTheNamedServicesContainer() throws Exception {
        var up = cli.run(stack.config.toString(), "up", "-d");
        assertThat(up.exitCode()).as(up.err()).isZero();
        stack.compose("up", "-d");

        for (String label : List.of("io.capstan.stack=" + stack.ours, "com.docker.compose.project=" + stack.theirs)) {
            JsonNode app = inspect(label, "app");
            JsonNode debug = inspect(label, "debug");
            for (String field : List.of("PidMode", "IpcMode")) {
                String target = debug.at("/HostConfig/" + field).asText().substring("container:".length());
                assertThat(inspectId(target)).as(label + " " + field).isEqualTo(app.get("Id").asText());
            }
            // in one PID namespace, app sees debug's sleep
            assertThat(docker("exec", app.get("Id").asText(), "ps")).as(label).contains("sleep 3601");
        }
    }

    @Test
    void replacingTheJoinedServiceReplacesTheJoiner() throws Exception {
        var up = cli.run(stack.config.toString(), "up", "-d");
        assertThat(up.exitCode()).as(up.err()).isZero();
        Files.writeString(stack.template, TEMPLATE.formatted(TestImages.BUSYBOX).replace("rest18.version: \"1\"", "rest18.version: \"2\""));

        var plan = cli.run(stack.config.toString(), "plan");
        assertThat(plan.out()).contains("recreate  app (" + stack.ours + "-app-1): labels changed")
                .contains("recreate  debug (" + stack.ours + "-debug-1): pid, ipc changed");
        var again = cli.run(stack.config.toString(), "up", "-d");
        assertThat(again.exitCode()).as(again.err()).isZero();
        JsonNode app = inspect("io.capstan.stack=" + stack.ours, "app");
        assertThat(docker("exec", app.get("Id").asText(), "ps")).contains("sleep 3601");
    }

    private static String inspectId(String nameOrId) throws Exception {
        return docker("inspect", "--format", "{{.Id}}", nameOrId).strip();
    }

}
