package io.capstan.core.workload;

import io.capstan.core.error.InvalidSpecException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkloadSpecTest {

    @Test
    void portsParseWithProtocolAndMode() {
        assertThat(WorkloadPort.parse("8080:80")).isEqualTo(new WorkloadPort(8080, 80, "tcp", WorkloadPort.Mode.INGRESS));
        assertThat(WorkloadPort.parse("53:53/udp@host")).isEqualTo(new WorkloadPort(53, 53, "udp", WorkloadPort.Mode.HOST));
        assertThat(WorkloadPort.parse("80").published()).isZero();
        assertThat(WorkloadPort.parse("8080:80@host")).hasToString("8080->80/tcp (host)");
    }

    @Test
    void badPortsNameTheValueAndTheForm() {
        assertThatThrownBy(() -> WorkloadPort.parse("8080:80@mesh"))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("'8080:80@mesh'").hasMessageContaining("host or ingress");
        assertThatThrownBy(() -> WorkloadPort.parse("web:80"))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("[PUBLISHED:]TARGET");
        assertThatThrownBy(() -> WorkloadPort.parse("70000:80"))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("70000");
    }

    @Test
    void builderKeepsEveryValueAndToBuilderChangesOnlyWhatIsSet() {
        WorkloadSpec spec = WorkloadSpec.builder("web", "capstan-busybox:test").command("httpd", "-f").env("A", "1")
                .replicas(3).update(UpdatePolicy.DEFAULT.withParallelism(2)).label("team", "x")
                .endpointMode(WorkloadSpec.EndpointMode.DNSRR).port(WorkloadPort.parse("8080:80@host")).build();
        WorkloadSpec changed = spec.toBuilder().env("A", "2").build();
        assertThat(changed.env()).containsEntry("A", "2");
        assertThat(changed.replicas()).isEqualTo(3);
        assertThat(changed.update().parallelism()).isEqualTo(2);
        assertThat(changed.command()).containsExactly("httpd", "-f");
        assertThat(spec.env()).containsEntry("A", "1");
    }

    @Test
    void dnsrrWithAMeshPortSaysToPublishInHostMode() {
        assertThatThrownBy(() -> WorkloadSpec.builder("web", "img").endpointMode(WorkloadSpec.EndpointMode.DNSRR)
                .port(WorkloadPort.parse("8080:80")).build())
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("host mode");
    }

    @Test
    void badNamesAndReplicasAreRefused() {
        assertThatThrownBy(() -> WorkloadSpec.builder("web/1", "img").build()).hasMessageContaining("'web/1'");
        assertThatThrownBy(() -> WorkloadSpec.builder("web", "img").replicas(-1).build()).hasMessageContaining("-1");
        assertThatThrownBy(() -> WorkloadRestart.condition("sometimes")).hasMessageContaining("none, on-failure or any");
    }

    @Test
    void capabilitiesAreOnlyWhatTheTargetImplements() {
        WorkloadTarget plain = new NoWorkloads();
        assertThat(plain.capability(Nodes.class)).isEmpty();
        assertThat(plain.capability(Secrets.class)).isEmpty();
    }

    private static final class NoWorkloads implements WorkloadTarget {
        public String describe() { return "none"; }
        public WorkloadStatus create(WorkloadSpec spec) { throw new UnsupportedOperationException(); }
        public WorkloadStatus update(WorkloadSpec spec) { throw new UnsupportedOperationException(); }
        public WorkloadStatus scale(String name, int replicas) { throw new UnsupportedOperationException(); }
        public WorkloadStatus rollback(String name) { throw new UnsupportedOperationException(); }
        public void remove(String name) { }
        public java.util.List<WorkloadStatus> list(java.util.Map<String, String> labels) { return java.util.List.of(); }
        public WorkloadStatus inspect(String name) { throw new UnsupportedOperationException(); }
        public io.capstan.core.engine.Subscription logs(String name, io.capstan.core.engine.LogOptions options,
                java.util.function.Consumer<io.capstan.core.model.LogLine> sink) { throw new UnsupportedOperationException(); }
    }
}
