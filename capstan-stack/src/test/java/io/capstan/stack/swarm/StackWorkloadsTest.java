package io.capstan.stack.swarm;

import io.capstan.core.error.ConfigException;
import io.capstan.core.workload.UpdatePolicy;
import io.capstan.core.workload.WorkloadPort;
import io.capstan.core.workload.WorkloadRestart;
import io.capstan.core.workload.WorkloadSpec;
import io.capstan.stack.compose.ComposeLoader;
import io.capstan.stack.compose.SwarmCompose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A compose file's services as Swarm services, as Docker's stack converter maps them, and what Swarm cannot do. */
class StackWorkloadsTest {
    @TempDir
    Path dir;

    private SwarmCompose load(String yaml) throws IOException {
        Path file = Files.writeString(dir.resolve("docker-compose.yml"), yaml);
        return new ComposeLoader(Map.of("TAG", "test"), dir).loadForSwarm(List.of(file), "shop");
    }

    @Test
    void deployKeysBecomeTheServiceSpecAsDockerMapsThem() throws IOException {
        SwarmCompose compose = load("""
                services:
                  api:
                    image: capstan-busybox:${TAG}
                    entrypoint: [sh, -c]
                    command: [exec sleep 1d]
                    stop_grace_period: 3s
                    extra_hosts: ["db.local:10.0.0.9"]
                    labels: {tier: back}
                    ports:
                      - {target: 80, published: 8080, mode: host}
                    deploy:
                      replicas: 3
                      endpoint_mode: dnsrr
                      labels: {team: shop}
                      resources:
                        limits: {cpus: "0.5", memory: 64m}
                        reservations: {memory: 32m}
                      restart_policy: {condition: on-failure, delay: 2s, max_attempts: 4}
                      placement: {constraints: [node.role==manager]}
                      update_config: {parallelism: 2, delay: 1s, order: start-first, failure_action: rollback}
                      rollback_config: {parallelism: 0}
                  web:
                    image: capstan-busybox:test
                    depends_on: [api]
                    deploy: {mode: global}
                """);
        Map<String, WorkloadSpec> specs = StackWorkloads.of(compose, Map.of());

        assertThat(specs.keySet()).containsExactly("api", "web");
        WorkloadSpec api = specs.get("api");
        assertThat(api.name()).isEqualTo("shop_api");
        assertThat(api.image()).isEqualTo("capstan-busybox:test");
        assertThat(api.replicas()).isEqualTo(3);
        assertThat(api.endpointMode()).isEqualTo(WorkloadSpec.EndpointMode.DNSRR);
        assertThat(api.ports()).containsExactly(new WorkloadPort(8080, 80, "tcp", WorkloadPort.Mode.HOST));
        assertThat(api.resources().limits().memoryBytes()).isEqualTo(64L << 20);
        assertThat(api.resources().reservations().memoryBytes()).isEqualTo(32L << 20);
        assertThat(api.restart()).isEqualTo(new WorkloadRestart(WorkloadRestart.Condition.ON_FAILURE, Duration.ofSeconds(2), 4));
        assertThat(api.constraints()).containsExactly("node.role==manager");
        assertThat(api.update()).isEqualTo(new UpdatePolicy(2, Duration.ofSeconds(1), UpdatePolicy.Order.START_FIRST,
                UpdatePolicy.FailureAction.ROLLBACK, null));
        assertThat(api.rollback().parallelism()).isZero();
        assertThat(api.labels()).containsEntry("team", "shop").containsEntry(SwarmNames.NAMESPACE, "shop")
                .containsEntry("io.capstan.owner", "true");
        assertThat(api.networks()).containsExactly("shop_default");
        assertThat(api.replica().entrypoint()).containsExactly("sh", "-c");
        assertThat(api.command()).containsExactly("exec sleep 1d");
        assertThat(api.replica().stopGracePeriod()).isEqualTo(Duration.ofSeconds(3));
        assertThat(api.replica().extraHosts()).contains("db.local:10.0.0.9");
        assertThat(api.replica().containerLabels()).containsEntry("tier", "back").containsEntry(SwarmNames.NAMESPACE, "shop");
        assertThat(api.replica().aliases()).containsExactly("api");
        assertThat(specs.get("web").mode()).isEqualTo(WorkloadSpec.Mode.GLOBAL);
    }

    @Test
    void dependenciesAreCreatedFirst() throws IOException {
        SwarmCompose compose = load("""
                services:
                  web: {image: a, depends_on: [api]}
                  api: {image: a, depends_on: [db]}
                  db: {image: a}
                """);
        assertThat(StackWorkloads.of(compose, Map.of()).keySet()).containsExactly("db", "api", "web");
    }

    @Test
    void keysSwarmCannotExpressGetOneWarningEachWithTheirLine() throws IOException {
        SwarmCompose compose = load("""
                services:
                  db:
                    image: a
                  web:
                    image: a
                    container_name: fixed
                    restart: unless-stopped
                    mem_limit: 64m
                    cpus: 0.5
                    privileged: true
                    ports: ["127.0.0.1:8080:80"]
                    depends_on:
                      db: {condition: service_healthy}
                    deploy:
                      placement: {preferences: [{spread: node.labels.zone}]}
                """);
        assertThat(compose.warnings()).anySatisfy(w -> assertThat(w).startsWith("docker-compose.yml:6: ")
                .contains("container_name cannot be set on Swarm"));
        assertThat(compose.warnings()).anySatisfy(w -> assertThat(w).startsWith("docker-compose.yml:7: ")
                .contains("restart 'unless-stopped' is translated to deploy.restart_policy condition any"));
        assertThat(compose.warnings()).anySatisfy(w -> assertThat(w).startsWith("docker-compose.yml:8: ")
                .contains("mem_limit is translated to deploy.resources.limits.memory"));
        assertThat(compose.warnings()).anySatisfy(w -> assertThat(w).startsWith("docker-compose.yml:9: ")
                .contains("cpus is translated"));
        assertThat(compose.warnings()).anySatisfy(w -> assertThat(w).startsWith("docker-compose.yml:10: ")
                .contains("privileged cannot be expressed"));
        assertThat(compose.warnings()).anySatisfy(w -> assertThat(w).contains("host IP 127.0.0.1"));
        assertThat(compose.warnings()).anySatisfy(w -> assertThat(w).startsWith("docker-compose.yml:13: ")
                .contains("depends_on condition service_healthy of 'db'"));
        assertThat(compose.warnings()).anySatisfy(w -> assertThat(w).startsWith("docker-compose.yml:15: ")
                .contains("deploy.placement.preferences is not supported"));
        assertThat(compose.warnings()).noneMatch(w -> w.contains("ignored on one engine"));
        WorkloadSpec web = StackWorkloads.of(compose, Map.of()).get("web");
        assertThat(web.resources().limits().memoryBytes()).isEqualTo(64L << 20);
        assertThat(web.resources().limits().nanoCpus()).isEqualTo(500_000_000L);
        assertThat(web.restart().condition()).isEqualTo(WorkloadRestart.Condition.ANY);
        assertThat(web.ports()).containsExactly(new WorkloadPort(8080, 80, "tcp", WorkloadPort.Mode.INGRESS));
    }

    @Test
    void containerNameWithSeveralReplicasIsOnlyWarnedAboutOnSwarm() throws IOException {
        SwarmCompose compose = load("""
                services:
                  web:
                    image: a
                    container_name: fixed
                    deploy: {replicas: 3}
                """);
        assertThat(compose.warnings()).containsExactly("docker-compose.yml:4: service 'web': container_name cannot be set on "
                + "Swarm (a task's container is named STACK_SERVICE.SLOT.ID) and is ignored");
        assertThat(StackWorkloads.of(compose, Map.of()).get("web").replicas()).isEqualTo(3);
    }

    @Test
    void aChangedSecretGetsANewName() throws IOException {
        Files.writeString(dir.resolve("token.txt"), "one");
        String yaml = """
                services:
                  web: {image: a, secrets: [token]}
                secrets:
                  token: {file: ./token.txt}
                """;
        String first = StackWorkloads.of(load(yaml), Map.of()).get("web").replica().secrets().getFirst().name();
        Files.writeString(dir.resolve("token.txt"), "two");
        String second = StackWorkloads.of(load(yaml), Map.of()).get("web").replica().secrets().getFirst().name();
        assertThat(first).startsWith("shop_token_");
        assertThat(second).startsWith("shop_token_").isNotEqualTo(first);
    }

    @Test
    void aBadDeployValueIsOneLineWithItsPlace() throws IOException {
        assertThatThrownBy(() -> load("""
                services:
                  web:
                    image: a
                    deploy:
                      endpoint_mode: roundrobin
                """)).isInstanceOf(ConfigException.class)
                .hasMessage("docker-compose.yml:5: service 'web': endpoint_mode 'roundrobin' is not vip or dnsrr");
    }

    @Test
    void anUnchangedServiceKeepsTheSpecHashAndSecretNameItWasDeployedWith() throws IOException {
        Files.writeString(dir.resolve("token.txt"), "one");
        WorkloadSpec web = StackWorkloads.of(load("""
                services:
                  web:
                    image: capstan-busybox:test
                    command: [httpd, -f, -p, "8080"]
                    environment: {GREETING: hello}
                    ports: ["8080:8080"]
                    secrets: [token]
                    deploy: {replicas: 2}
                secrets:
                  token: {file: ./token.txt}
                """), Map.of()).get("web");

        assertThat(web.labels()).containsEntry(SwarmNames.SPEC_HASH, "e2d12ba0ddf60145");
        assertThat(web.replica().secrets().getFirst().name()).isEqualTo("shop_token_7692c3ad35");
    }

    @Test
    void aServiceWithALabelledNamedVolumeKeepsItsSpecHashFromRunToRun() throws IOException {
        WorkloadSpec db = StackWorkloads.of(load("""
                services:
                  db:
                    image: capstan-busybox:test
                    volumes: ["data:/var/lib/data"]
                volumes:
                  data:
                    labels: {tier: cache, backup: nightly, owner: team-a}
                    driver_opts: {type: tmpfs, device: tmpfs, o: "size=1m"}
                """), Map.of()).get("db");

        assertThat(db.volumes().get("shop_data").labels()).containsEntry("com.docker.stack.namespace", "shop")
                .containsEntry("tier", "cache");
        // maps inside a record print in an order that changes from one JVM to the next: the hash must not
        assertThat(db.labels()).containsEntry(SwarmNames.SPEC_HASH, "9d7c636a5e89b222");
    }
}
