package io.capstan.stack.compose;

import io.capstan.core.error.ConfigException;
import io.capstan.core.spec.RestartPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** deploy: on one engine: restart_policy becomes the restart policy, GPUs are refused, Swarm keys are warned about. */
class DeployKeysTest {
    @TempDir
    Path dir;

    private ComposeProject load(String services) throws IOException {
        Path file = Files.writeString(dir.resolve("compose.yml"), "services:\n" + services);
        return new ComposeLoader(Map.of(), dir).load(List.of(file), "x");
    }

    @Test
    void restartPolicyConditionsMapToTheEnginesPolicies() throws IOException {
        ComposeProject project = load("""
                  a: {image: x, deploy: {restart_policy: {condition: on-failure, max_attempts: 3}}}
                  b: {image: x, deploy: {restart_policy: {condition: any}}}
                  c: {image: x, deploy: {restart_policy: {condition: none}}}
                  d: {image: x, restart: unless-stopped, deploy: {restart_policy: {condition: none}}}
                  e: {image: x}
                """);
        assertThat(project.services().values()).extracting(ComposeProject.Service::restart).containsExactly(
                new RestartPolicy(RestartPolicy.Mode.ON_FAILURE, 3), new RestartPolicy(RestartPolicy.Mode.ALWAYS, 0),
                RestartPolicy.NO, new RestartPolicy(RestartPolicy.Mode.UNLESS_STOPPED, 0), RestartPolicy.NO);
        assertThat(project.warnings()).isEmpty();
    }

    @Test
    void delayAndWindowAreWarnedAbout() throws IOException {
        ComposeProject project = load("""
                  a:
                    image: x
                    deploy:
                      restart_policy: {condition: on-failure, delay: 5s, window: 2m}
                """);
        assertThat(project.warnings()).containsExactly(
                "compose.yml:5: service 'a': deploy.restart_policy.delay is ignored: the engine restarts a container "
                        + "with its own growing delay",
                "compose.yml:5: service 'a': deploy.restart_policy.window is ignored: the engine restarts a container "
                        + "with its own growing delay");
    }

    @Test
    void swarmOnlyKeysGetOneWarningEach() throws IOException {
        ComposeProject project = load("""
                  a:
                    image: x
                    deploy:
                      placement: {constraints: [node.role == manager]}
                      update_config: {parallelism: 2}
                      mode: global
                  b:
                    image: x
                    deploy:
                      placement: {max_replicas_per_node: 1}
                      rollback_config: {parallelism: 1}
                      endpoint_mode: dnsrr
                """);
        assertThat(project.warnings()).containsExactly(
                "compose.yml:5: services 'a', 'b': 'deploy.placement' applies to Swarm only and is ignored on one engine",
                "compose.yml:6: service 'a': 'deploy.update_config' applies to Swarm only and is ignored on one engine",
                "compose.yml:7: service 'a': 'deploy.mode: global' applies to Swarm only and is ignored on one engine",
                "compose.yml:12: service 'b': 'deploy.rollback_config' applies to Swarm only and is ignored on one engine",
                "compose.yml:13: service 'b': 'deploy.endpoint_mode' applies to Swarm only and is ignored on one engine");
    }

    @Test
    void gpuReservationsAreRefused() {
        assertThatThrownBy(() -> load("""
                  a:
                    image: x
                    deploy:
                      resources:
                        reservations:
                          devices:
                            - {driver: nvidia, count: 1, capabilities: [gpu]}
                """)).isInstanceOf(ConfigException.class).hasMessage("compose.yml:8: deploy.resources.reservations.devices "
                + "asks for count 1 with capabilities [gpu], but Capstan does not pass device requests (GPUs) to the "
                + "engine: drop the reservation, or map a host device with devices:");
        assertThatThrownBy(() -> load("""
                  a:
                    image: x
                    deploy: {resources: {reservations: {devices: [{device_ids: ["0"], capabilities: [gpu]}]}}}
                """)).hasMessageContaining("asks for device_ids [0] with capabilities [gpu]");
    }

    @Test
    void wrongConditionsAreRefusedWithTheirLine() {
        assertThatThrownBy(() -> load("  a: {image: x, deploy: {restart_policy: {condition: sometimes}}}\n"))
                .hasMessage("compose.yml:2: restart_policy condition 'sometimes' is not one of none, on-failure, any");
        assertThatThrownBy(() -> load("  a: {image: x, deploy: {mode: everywhere}}\n"))
                .hasMessage("compose.yml:2: deploy mode 'everywhere' is not replicated or global");
    }

    @Test
    void resourceKeysCapstanDoesNotActOnAreWarnedAboutNotDropped() throws IOException {
        ComposeProject project = load("""
                  a:
                    image: x
                    deploy:
                      resources:
                        limits: {memory: 64m, cpus: "0.5"}
                        reservations: {memory: 32m, cpus: "0.25", generic_resources: []}
                """);
        assertThat(project.warnings()).containsExactly(
                "compose.yml:7: service 'a': key 'deploy.resources.reservations.cpus' is not supported and is ignored",
                "compose.yml:7: service 'a': key 'deploy.resources.reservations.generic_resources' is not supported and "
                        + "is ignored");
    }
}
