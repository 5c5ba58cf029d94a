package io.capstan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.tck.TestImages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static io.capstan.cli.DockerCommand.inspect;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code deploy.restart_policy} on one engine, against Debian's {@code docker-compose} (1.29) in its
 * {@code --compatibility} mode (the mode in which it reads {@code deploy:} for a plain engine): the containers'
 * restart policies must match; Swarm-only keys are warned about, once each.
 */
class DeployParityIT {
    private static final String TEMPLATE = """
            services:
              retry:
                image: %1$s
                command: [sleep, "3600"]
                deploy:
                  restart_policy: {condition: on-failure, max_attempts: 3}
                  placement: {constraints: [node.role == manager]}
              always:
                image: %1$s
                command: [sleep, "3600"]
                deploy:
                  restart_policy: {condition: any}
                  placement: {constraints: [node.role == worker]}
                  update_config: {parallelism: 1}
            """;

    private final CliRunner cli = CliRunner.withEnvironmentEngine();
    @RegisterExtension
    final SideBySideStack stack = SideBySideStack.of("rest18", TEMPLATE.formatted(TestImages.BUSYBOX));

    @Test
    void restartPoliciesMatchDockerComposeInCompatibilityMode() throws Exception {
        var up = cli.run(stack.config.toString(), "up", "-d");
        assertThat(up.exitCode()).as(up.err()).isZero();
        assertThat(up.err()).contains("services 'retry', 'always': 'deploy.placement' applies to Swarm only and is "
                + "ignored on one engine").contains("service 'always': 'deploy.update_config' applies to Swarm only");
        stack.compose("--compatibility", "up", "-d");

        for (String service : List.of("retry", "always")) {
            JsonNode capstan = inspect("io.capstan.stack=" + stack.ours, service).at("/HostConfig/RestartPolicy");
            assertThat(capstan).as(service).isEqualTo(inspect("com.docker.compose.project=" + stack.theirs, service)
                    .at("/HostConfig/RestartPolicy"));
        }
        assertThat(inspect("io.capstan.stack=" + stack.ours, "retry").at("/HostConfig/RestartPolicy").toString())
                .isEqualTo("{\"Name\":\"on-failure\",\"MaximumRetryCount\":3}");
    }

}
