package io.capstan.control.engineworkload;

import io.capstan.core.error.EngineException;
import io.capstan.core.spec.HealthCheck;
import io.capstan.core.spec.Mount;
import io.capstan.core.spec.Resources;
import io.capstan.core.spec.VolumeSpec;
import io.capstan.core.workload.ReplicaSettings;
import io.capstan.core.workload.UpdatePolicy;
import io.capstan.core.workload.WorkloadPort;
import io.capstan.core.workload.WorkloadResources;
import io.capstan.core.workload.WorkloadRestart;
import io.capstan.core.workload.WorkloadSpec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The spec a record keeps in a label comes back whole in a later process, and its hash is the replicas' own. */
class SpecJsonTest {
    private final WorkloadSpec spec = WorkloadSpec.builder("web", "capstan-busybox:test")
            .command("httpd", "-f").env("B", "2").env("A", "1")
            .port(WorkloadPort.parse("8080:80/udp@host"))
            .resources(new WorkloadResources(new Resources(500_000_000, 64 << 20), Resources.UNLIMITED))
            .replicas(3)
            .update(UpdatePolicy.DEFAULT.withDelay(Duration.ofSeconds(2)).withOrder(UpdatePolicy.Order.START_FIRST)
                    .withMonitor(Duration.ofMillis(1500)))
            .restart(new WorkloadRestart(WorkloadRestart.Condition.ON_FAILURE, Duration.ofSeconds(1), 4))
            .network("front").mount(Mount.volume("data", "/data"))
            .healthcheck(new HealthCheck(List.of("CMD", "true"), Duration.ofSeconds(1), Duration.ofSeconds(2), 3,
                    Duration.ZERO))
            .label("team", "ops")
            .replica(new ReplicaSettings(List.of("/bin/sh"), "1000", "/srv", "web", List.of("db:10.0.0.2"),
                    Duration.ofSeconds(20), Map.of("tier", "front"), List.of("www"), List.of(), List.of()))
            .volume(new VolumeSpec("data", "local", Map.of("keep", "yes")))
            .build();

    @Test
    void aSpecReadsBackEqualToWhatWasWritten() {
        assertThat(SpecJson.read(SpecJson.write(spec), "web.record.1")).isEqualTo(spec);
    }

    @Test
    void theSameSpecWritesTheSameTextWhateverTheOrderOfItsMaps() {
        WorkloadSpec reordered = spec.toBuilder().env(Map.of("A", "1", "B", "2")).build();
        assertThat(SpecJson.write(reordered)).isEqualTo(SpecJson.write(spec)).doesNotContain("\n");
    }

    @Test
    void scalingOrRelabellingKeepsTheReplicasHashWhileANewEnvironmentChangesIt() {
        String hash = SpecJson.replicaHash(spec);
        assertThat(SpecJson.replicaHash(spec.toBuilder().replicas(7).label("team", "dev")
                .update(UpdatePolicy.DEFAULT).build())).isEqualTo(hash);
        assertThat(SpecJson.replicaHash(spec.toBuilder().env("A", "changed").build())).isNotEqualTo(hash);
    }

    @Test
    void aDamagedLabelIsOneLineNamingItsContainer() {
        assertThatThrownBy(() -> SpecJson.read("{\"name\":", "web.record.4"))
                .isInstanceOf(EngineException.class).hasMessageContaining("web.record.4")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
