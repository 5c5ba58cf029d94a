package io.capstan.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.capstan.cli.output.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code capstan swarm} against the local engine: refused in one line outside a swarm, then a service's life on a
 * one-node swarm the test creates (and leaves again) when the engine is in none.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SwarmCliIT {
    private final CliRunner cli = CliRunner.withEnvironmentEngine();
    private final String service = "swarm13-cli-" + UUID.randomUUID().toString().substring(0, 6);
    private boolean createdSwarm;

    @BeforeAll
    void swarmOfOne() {
        if (cli.run("swarm", "nodes").exitCode() != 0) {
            var refused = cli.run("swarm", "services");
            assertThat(refused.exitCode()).isEqualTo(Main.FAILED);
            assertThat(refused.errLines()).containsExactly("capstan: this engine is not a swarm manager: run 'capstan "
                    + "swarm init' to make it one, or name a manager's engine with --engine (swarm state: inactive)");
            var init = cli.run("swarm", "init", "--advertise-addr", "127.0.0.1");
            assertThat(init.exitCode()).as(init.err()).isZero();
            assertThat(init.out()).contains("capstan swarm join --token SWMTKN-");
            createdSwarm = true;
        }
    }

    @AfterAll
    void leave() {
        cli.run("swarm", "service", "rm", service);
        if (createdSwarm) {
            assertThat(cli.run("swarm", "leave", "--force").exitCode()).isZero();
        }
    }

    @Test
    void aServiceIsCreatedScaledUpdatedRolledBackAndRemoved() throws Exception {
        var create = cli.run("swarm", "service", "create", "--replicas", "2", "--endpoint-mode", "dnsrr", "-e", "A=1",
                "--update-parallelism", "1", service, io.capstan.tck.TestImages.BUSYBOX, "sh", "-c", "echo hi $A; exec sleep 1d");
        assertThat(create.exitCode()).as(create.err()).isZero();
        assertThat(create.out()).contains(service + ": 2/2 running");

        var services = cli.run("swarm", "services");
        assertThat(services.out()).containsPattern(service + "\\s+replicated\\s+2/2\\s+" + io.capstan.tck.TestImages.BUSYBOX);

        var scale = cli.run("swarm", "service", "scale", service + "=1");
        assertThat(scale.exitCode()).as(scale.err()).isZero();
        JsonNode tasks = Json.mapper().readTree(cli.run("swarm", "tasks", "--format", "json", service).out());
        assertThat(tasks).hasSize(1);
        assertThat(tasks.get(0).path("task").path("state").asText()).isEqualTo("running");

        var update = cli.run("swarm", "service", "update", "--env-add", "A=2", service);
        assertThat(update.exitCode()).as(update.err()).isZero();
        assertThat(update.out()).contains("update completed");
        assertThat(cli.run("swarm", "service", "inspect", service).out()).contains("Env:       A=2");

        var rollback = cli.run("swarm", "service", "rollback", service);
        assertThat(rollback.exitCode()).as(rollback.err()).isZero();
        assertThat(cli.run("swarm", "service", "inspect", service).out()).contains("Env:       A=1");

        assertThat(cli.run("swarm", "service", "logs", service).out()).contains("hi 1", "hi 2");

        var rm = cli.run("swarm", "service", "rm", service);
        assertThat(rm.exitCode()).isZero();
        var gone = cli.run("swarm", "service", "inspect", service);
        assertThat(gone.exitCode()).isEqualTo(Main.FAILED);
        assertThat(gone.errLines()).containsExactly("capstan: service '" + service + "' not found");
    }

    @Test
    void servicesSecretsAndConfigsCapstanDidNotCreateAreLeftAlone() {
        String foreign = service + "-foreign";
        try (var engine = (io.capstan.docker.DockerEngine) io.capstan.docker.EngineLocator.fromEnvironment().locate(null)) {
            engine.swarm().create(io.capstan.core.workload.WorkloadSpec.builder(foreign, io.capstan.tck.TestImages.BUSYBOX)
                    .command("sleep", "3600").endpointMode(io.capstan.core.workload.WorkloadSpec.EndpointMode.DNSRR).build());
            try {
                var rm = cli.run("swarm", "service", "rm", foreign);
                assertThat(rm.exitCode()).isEqualTo(Main.FAILED);
                assertThat(rm.errLines()).containsExactly("capstan: service '" + foreign + "' was not created by Capstan "
                        + "(no io.capstan.owner label), so Capstan leaves it alone; manage it with the tool that created it");
                assertThat(cli.run("swarm", "service", "scale", foreign + "=2").exitCode()).isEqualTo(Main.FAILED);
                assertThat(cli.run("swarm", "services").out()).contains(foreign);
            } finally {
                engine.swarm().remove(foreign);
            }

            String secret = service + "-secret";
            var create = cli.runWithInput("s3cret", "swarm", "secret", "create", secret, "-");
            assertThat(create.exitCode()).as(create.err()).isZero();
            assertThat(cli.run("swarm", "secret", "ls").out()).contains(secret);
            assertThat(cli.run("swarm", "secret", "rm", secret).exitCode()).isZero();
            assertThat(cli.run("swarm", "secret", "ls").out()).doesNotContain(secret);

            String config = service + "-config";
            engine.swarm().createConfig(config, "x".getBytes(java.nio.charset.StandardCharsets.UTF_8), java.util.Map.of());
            try {
                var refused = cli.run("swarm", "config", "rm", config);
                assertThat(refused.errLines()).singleElement().asString().contains("was not created by Capstan");
            } finally {
                engine.swarm().removeConfig(config);
            }
            assertThat(cli.run("swarm", "config", "rm", config).errLines())
                    .containsExactly("capstan: config '" + config + "' not found");
        }
    }

    @Test
    void badInputIsOneLineNamingTheValue() {
        var scale = cli.run("swarm", "service", "scale", service + "=many");
        assertThat(scale.errLines()).containsExactly("capstan: invalid scale '" + service
                + "=many': expected SERVICE=REPLICAS with a whole number, such as web=3");
        var port = cli.run("swarm", "service", "create", "-p", "8080:80@mesh", service, "img");
        assertThat(port.exitCode()).isEqualTo(Main.FAILED);
        assertThat(port.errLines()).containsExactly("capstan: invalid port '8080:80@mesh': the mode after @ must be host "
                + "or ingress, such as 8080:80@host");
    }
}
