package io.capstan.docker;

import io.capstan.core.spec.HealthCheck;
import io.capstan.core.spec.Mount;
import io.capstan.core.spec.Resources;
import io.capstan.core.spec.VolumeSpec;
import io.capstan.core.workload.UpdatePolicy;
import io.capstan.core.workload.WorkloadPort;
import io.capstan.core.workload.WorkloadResources;
import io.capstan.core.workload.WorkloadRestart;
import io.capstan.core.workload.WorkloadSpec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SwarmMapperTest {

    @Test
    void everyWorkloadSettingSurvivesTheTripThroughAServiceSpec() {
        WorkloadSpec workload = WorkloadSpec.builder("web", "capstan-busybox:test")
                .command("httpd", "-f", "-p", "80")
                .env("MODE", "prod").env("EMPTY", "")
                .port(WorkloadPort.parse("8080:80@host")).port(WorkloadPort.parse("5353:53/udp@host"))
                .resources(new WorkloadResources(Resources.parse("0.5", "256m"), Resources.parse("0.25", "64m")))
                .replicas(4)
                .update(new UpdatePolicy(2, Duration.ofSeconds(5), UpdatePolicy.Order.START_FIRST,
                        UpdatePolicy.FailureAction.ROLLBACK, Duration.ofSeconds(10)))
                .rollback(new UpdatePolicy(1, Duration.ZERO, UpdatePolicy.Order.STOP_FIRST,
                        UpdatePolicy.FailureAction.CONTINUE, Duration.ofSeconds(3)))
                .restart(new WorkloadRestart(WorkloadRestart.Condition.ON_FAILURE, Duration.ofSeconds(2), 3))
                .network("backend")
                .mount(Mount.volume("data", "/data")).mount(new Mount(Mount.Type.BIND, "/etc/hosts", "/h", true))
                .mount(new Mount(Mount.Type.VOLUME, "cache", "/cache", false,
                        new Mount.Options(null, null, true, null, null, null)))
                .mount(new Mount(Mount.Type.BIND, "/srv", "/srv", false, new Mount.Options("rshared", null, false, null, null, null)))
                .mount(new Mount(Mount.Type.TMPFS, "", "/tmp", false, new Mount.Options(null, null, false, null, 1L << 20, 01777)))
                .volume(new VolumeSpec("data", "local", java.util.Map.of("com.docker.stack.namespace", "shop"),
                        java.util.Map.of("type", "tmpfs", "device", "tmpfs")))
                .healthcheck(new HealthCheck(List.of("CMD", "true"), Duration.ofSeconds(1), Duration.ofSeconds(2), 3,
                        Duration.ofSeconds(4)))
                .label("team", "web")
                .constraint("node.role==worker")
                .endpointMode(WorkloadSpec.EndpointMode.DNSRR)
                .build();

        assertThat(SwarmMapper.workload(SwarmMapper.serviceSpec(workload))).isEqualTo(workload);
    }

    @Test
    void aGlobalWorkloadIsAGlobalService() {
        WorkloadSpec global = WorkloadSpec.builder("agent", "img").global().build();
        var spec = SwarmMapper.serviceSpec(global);
        assertThat(spec.getMode().getGlobal()).isNotNull();
        assertThat(spec.getMode().getReplicated()).isNull();
        assertThat(SwarmMapper.workload(spec).mode()).isEqualTo(WorkloadSpec.Mode.GLOBAL);
    }

    @Test
    void theDigestTheEnginePinnedIsNotPartOfTheImageName() {
        assertThat(SwarmMapper.stripDigest("app:1@sha256:abc")).isEqualTo("app:1");
        assertThat(SwarmMapper.stripDigest("registry:5000/app:1")).isEqualTo("registry:5000/app:1");
    }

    @Test
    void theRoutingMeshWarningNamesTheFixOnlyForALocalEngine() {
        assertThat(RoutingMesh.warning("tcp://10.0.0.5:2375")).isEmpty();
        if (!java.nio.file.Files.isDirectory(java.nio.file.Path.of("/proc/sys/net/ipv4/vs"))) {
            assertThat(RoutingMesh.warning("unix:///var/run/docker.sock")).get().asString()
                    .contains("IPVS").contains("@host").contains("dnsrr");
        }
    }
}
