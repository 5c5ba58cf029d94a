package io.capstan.docker;

import com.github.dockerjava.api.model.ContainerSpec;
import com.github.dockerjava.api.model.ServiceSpec;
import io.capstan.core.error.NotFoundException;
import io.capstan.core.workload.ReplicaSettings;
import io.capstan.core.workload.WorkloadSpec;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A stack service's container settings on a Swarm service, as Docker's stack converter sets them. */
class ReplicaContainerTest {
    private static final ReplicaSettings SETTINGS = new ReplicaSettings(List.of("sh", "-c"), "1000:1000", "/srv", "web-host",
            List.of("db.local:10.0.0.9"), Duration.ofSeconds(3), Map.of("tier", "back"), List.of("web", "www"),
            List.of(new ReplicaSettings.FileRef("shop_token_abc", "token", 0400)),
            List.of(new ReplicaSettings.FileRef("shop_conf_def", "/etc/app.conf", 0444)));

    private static ServiceSpec spec(ReplicaSettings settings) {
        return SwarmMapper.serviceSpec(WorkloadSpec.builder("shop_web", "capstan-busybox:test").command("exec sleep 1d")
                .network("shop_back").replica(settings).build());
    }

    @Test
    void theEntrypointIsSwarmsCommandAndTheCommandItsArguments() {
        ContainerSpec container = spec(SETTINGS).getTaskTemplate().getContainerSpec();
        assertThat(container.getCommand()).containsExactly("sh", "-c");
        assertThat(container.getArgs()).containsExactly("exec sleep 1d");
        assertThat(container.getUser()).isEqualTo("1000:1000");
        assertThat(container.getDir()).isEqualTo("/srv");
        assertThat(container.getHostname()).isEqualTo("web-host");
        assertThat(container.getHosts()).containsExactly("10.0.0.9 db.local");
        assertThat(container.getStopGracePeriod()).isEqualTo(3_000_000_000L);
        assertThat(container.getLabels()).containsEntry("tier", "back");
        assertThat(container.getSecrets()).singleElement().satisfies(s -> {
            assertThat(s.getSecretName()).isEqualTo("shop_token_abc");
            assertThat(s.getFile().getName()).isEqualTo("token");
            assertThat(s.getFile().getMode()).isEqualTo(0400L);
        });
        assertThat(container.getConfigs()).singleElement().satisfies(c -> assertThat(c.getFile().getName()).isEqualTo("/etc/app.conf"));
        assertThat(spec(SETTINGS).getTaskTemplate().getNetworks()).singleElement()
                .satisfies(n -> assertThat(n.getAliases()).containsExactly("web", "www"));
    }

    @Test
    void withoutAnEntrypointTheCommandReplacesTheImagesCommandLine() {
        ContainerSpec container = spec(ReplicaSettings.NONE).getTaskTemplate().getContainerSpec();
        assertThat(container.getCommand()).containsExactly("exec sleep 1d");
        assertThat(container.getArgs()).isNull();
    }

    @Test
    void secretsAndConfigsAreTakenByIdAsWellAsName() {
        ServiceSpec spec = StoredIds.fill(spec(SETTINGS), () -> Map.of("shop_token_abc", "s1"), () -> Map.of("shop_conf_def", "c1"));
        assertThat(spec.getTaskTemplate().getContainerSpec().getSecrets().getFirst().getSecretId()).isEqualTo("s1");
        assertThat(spec.getTaskTemplate().getContainerSpec().getConfigs().getFirst().getConfigID()).isEqualTo("c1");
        assertThatThrownBy(() -> StoredIds.fill(spec(SETTINGS), Map::of, Map::of)).isInstanceOf(NotFoundException.class)
                .hasMessage("service 'shop_web': secret 'shop_token_abc' not found: create it first (capstan swarm secret "
                        + "create shop_token_abc FILE)");
    }
}
