package io.capstan.control.workload;

import io.capstan.control.managed.ManagedState;
import io.capstan.control.store.DesiredImage;
import io.capstan.core.label.Labels;
import io.capstan.core.workload.UpdatePolicy;
import io.capstan.core.workload.WorkloadPort;
import io.capstan.core.workload.WorkloadSpec;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceSpecsTest {
    private static DesiredImage desired(String image, int replicas, Map<String, Object> env, Map<String, Object> ports) {
        return new DesiredImage(image, 1, 5, replicas, Map.of("cpu_limit", "0.5"), env, ports, List.of("sleep", "600"),
                null, Instant.EPOCH);
    }

    @Test
    void eachImageHasItsOwnValidServiceName() {
        String a = ServiceSpecs.serviceName("registry.example.com:5000/team/Tool:1.2");
        String b = ServiceSpecs.serviceName("registry.example.com:5000/team/tool:1.2");
        assertThat(a).matches("capstan-[a-z0-9-]+-[0-9a-f]{8}").hasSizeLessThanOrEqualTo(63).isNotEqualTo(b);
        assertThat(ServiceSpecs.serviceName("capstan-busybox:test")).startsWith("capstan-busybox-test-");
        assertThat(ServiceSpecs.serviceName("x".repeat(200) + ":1")).hasSizeLessThanOrEqualTo(57);
    }

    @Test
    void theServiceCarriesTheDesiredStateAndCapstansLabels() {
        WorkloadSpec spec = ServiceSpecs.of(desired("web:1", 3, Map.of("A", "1"), Map.of()), "sha256:1");
        assertThat(spec.image()).isEqualTo("web:1");
        assertThat(spec.replicas()).isEqualTo(3);
        assertThat(spec.command()).containsExactly("sleep", "600");
        assertThat(spec.env()).containsEntry("A", "1");
        assertThat(spec.resources().limits().nanoCpus()).isEqualTo(500_000_000L);
        assertThat(spec.labels()).containsEntry(Labels.MANAGED_BY, "web:1").containsEntry(Labels.OWNER, "true")
                .containsKey(ManagedState.SPEC_LABEL);
        assertThat(spec.update().order()).isEqualTo(UpdatePolicy.Order.START_FIRST);
        assertThat(spec.endpointMode()).isEqualTo(WorkloadSpec.EndpointMode.DNSRR);
    }

    @Test
    void aChangedConfigurationOrRebuiltImageRollsButAChangedCountOrAMissingImageDoesNot() {
        String hash = ServiceSpecs.of(desired("web:1", 3, Map.of("A", "1"), Map.of()), "sha256:1").labels()
                .get(ManagedState.SPEC_LABEL);
        assertThat(ServiceSpecs.of(desired("web:1", 5, Map.of("A", "1"), Map.of()), "sha256:1").labels())
                .containsEntry(ManagedState.SPEC_LABEL, hash);
        assertThat(ServiceSpecs.of(desired("web:1", 3, Map.of("A", "2"), Map.of()), "sha256:1").labels()
                .get(ManagedState.SPEC_LABEL)).isNotEqualTo(hash);
        WorkloadSpec running = ServiceSpecs.of(desired("web:1", 3, Map.of("A", "1"), Map.of()), "sha256:1");
        assertThat(ServiceSpecs.rolls(running.labels(), ServiceSpecs.of(desired("web:1", 5, Map.of("A", "1"),
                Map.of()), "sha256:1"))).as("a changed count").isFalse();
        assertThat(ServiceSpecs.rolls(running.labels(), ServiceSpecs.of(desired("web:1", 3, Map.of("A", "2"),
                Map.of()), "sha256:1"))).as("a changed environment").isTrue();
        assertThat(ServiceSpecs.rolls(running.labels(), ServiceSpecs.of(desired("web:1", 3, Map.of("A", "1"),
                Map.of()), "sha256:2"))).as("a rebuilt tag").isTrue();
        assertThat(ServiceSpecs.rolls(running.labels(), ServiceSpecs.of(desired("web:1", 3, Map.of("A", "1"),
                Map.of()), null))).as("an image the engine no longer has").isFalse();
    }

    @Test
    void aFixedHostPortIsPublishedOnTheNodeAndAnyPortThroughTheRoutingMesh() {
        Map<String, Object> ports = new java.util.LinkedHashMap<>();
        ports.put("80/tcp", 8080);
        ports.put("53/udp", null);
        WorkloadSpec spec = ServiceSpecs.of(desired("web:1", 1, Map.of(), ports), null);
        assertThat(spec.ports()).containsExactly(new WorkloadPort(8080, 80, "tcp", WorkloadPort.Mode.HOST),
                new WorkloadPort(0, 53, "udp", WorkloadPort.Mode.INGRESS));
        assertThat(spec.endpointMode()).isEqualTo(WorkloadSpec.EndpointMode.VIP);
        assertThat(spec.update().order()).as("one replica at a time can hold a fixed port")
                .isEqualTo(UpdatePolicy.Order.STOP_FIRST);
    }
}
