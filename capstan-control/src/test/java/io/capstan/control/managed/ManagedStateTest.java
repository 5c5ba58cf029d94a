package io.capstan.control.managed;

import io.capstan.core.label.ImageIdentity;
import io.capstan.core.label.Labels;
import io.capstan.core.model.ContainerInfo;
import io.capstan.core.model.ContainerStatus;
import io.capstan.core.model.Health;
import io.capstan.core.spec.PortMapping;
import io.capstan.core.spec.Resources;
import io.capstan.core.spec.RestartPolicy;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ManagedStateTest {
    private final ManagedState state = new ManagedState("node-1");

    private static ContainerInfo info(String id, String name, String image, ContainerStatus status,
                                      Map<String, String> labels) {
        return new ContainerInfo(id, name, image, "sha256:x", status, Health.NONE,
                List.of(new PortMapping(80, "tcp", "0.0.0.0", 8080), new PortMapping(80, "tcp", "::", 8080)),
                Map.of(), labels, Instant.parse("2026-11-22T10:00:00Z").plusSeconds(id.hashCode() % 10),
                new Resources(500_000_000L, 0), RestartPolicy.NO, List.of(), List.of(), 0, null, null);
    }

    private static Map<String, String> managed(String image) {
        return Map.of(Labels.OWNER, "true", Labels.MANAGED_BY, image);
    }

    @Test
    void onlyContainersWithBothLabelsAreManaged() {
        assertThat(state.update(info("a1", "web", "x", ContainerStatus.RUNNING, Map.of(Labels.MANAGED_BY, "x")), 1)).isEmpty();
        assertThat(state.update(info("a2", "web", "x", ContainerStatus.RUNNING, Labels.owned()), 1)).isEmpty();
        assertThat(state.update(info("a3", "web", "x", ContainerStatus.RUNNING, managed("x")), 1)).isPresent();
        assertThat(state.all()).extracting(ManagedContainer::id).containsExactly("a3");
    }

    @Test
    void aContainerIsAdoptedByTheEngineNeutralPairAndOneWithOnlyTheSeedsLabelStillIs() {
        var neutral = new java.util.HashMap<>(ImageIdentity.labels("registry.local:5000/team/web:2"));
        neutral.put(Labels.OWNER, "true");

        assertThat(state.update(info("n1", "web-new", "x", ContainerStatus.RUNNING, neutral), 1))
                .hasValueSatisfying(c -> assertThat(c.image()).isEqualTo("registry.local:5000/team/web:2"));
        assertThat(state.update(info("o1", "web-old", "x", ContainerStatus.RUNNING, managed("nginx:alpine")), 1))
                .hasValueSatisfying(c -> assertThat(c.image()).isEqualTo("nginx:alpine"));
        assertThat(state.update(info("s1", "shop-web-1", "x", ContainerStatus.RUNNING,
                Map.of(Labels.OWNER, "true", Labels.STACK, "shop")), 1)).as("a stack's container").isEmpty();
        assertThat(state.all()).extracting(ManagedContainer::id).containsExactlyInAnyOrder("n1", "o1");
    }

    @Test
    void aViewIsWhatClientsReadPortsOncePerContainerPortAndLimitsInCpus() {
        ManagedContainer c = state.update(info("abc123456789", "web", "sha256:x", ContainerStatus.RUNNING,
                managed("nginx:alpine")), 1).orElseThrow();
        assertThat(c.image()).isEqualTo("nginx:alpine");
        assertThat(c.ports()).containsExactly(Map.entry("80/tcp", 8080));
        assertThat(c.cpuLimit()).isEqualTo(0.5);
        assertThat(c.memoryLimit()).isNull();
        assertThat(c.host()).isEqualTo("node-1");
    }

    private static ManagedContainer task(String id, String status) {
        return new ManagedContainer(id, "svc.1.t1", "web:1", status, "none", -1, Map.of(), null, null,
                Instant.parse("2026-11-22T10:00:00Z"), null, null, "node-2", null, "h");
    }

    @Test
    void aReplicaOfAWorkloadTargetIsKeptByTheSameRulesAsAnInspectedContainer() {
        List<String> told = new java.util.ArrayList<>();
        state.onChange(told::add);
        state.put(task("t1", "running"), 20);
        state.put(task("t1", "starting"), 10);
        assertThat(state.get("t1").orElseThrow().status()).as("an older reading never wins").isEqualTo("running");
        assertThat(state.ofImage("web:1")).extracting(ManagedContainer::host).containsExactly("node-2");
        state.put(task("t1", "running"), 30);
        assertThat(told).as("a reading that changes nothing tells no one").containsExactly("web:1");
        state.remove("t1", 40);
        assertThat(state.put(task("t1", "running"), 35)).isEmpty();
        assertThat(state.all()).isEmpty();
    }

    @Test
    void anOlderInspectionNeverReplacesANewerOne() {
        state.update(info("c1", "web", "x", ContainerStatus.EXITED, managed("x")), 20);
        state.update(info("c1", "web", "x", ContainerStatus.RUNNING, managed("x")), 10);
        assertThat(state.get("c1").orElseThrow().status()).isEqualTo("exited");
    }

    @Test
    void aRemovedContainerDoesNotComeBackFromAnInspectionBegunBeforeTheRemoval() {
        state.update(info("c1", "web", "x", ContainerStatus.RUNNING, managed("x")), 10);
        long before = state.version();
        state.remove("c1", 30);
        assertThat(state.update(info("c1", "web", "x", ContainerStatus.RUNNING, managed("x")), 20)).isEmpty();
        assertThat(state.all()).isEmpty();
        assertThat(state.version()).isGreaterThan(before);
    }

    @Test
    void aRemovalObservedBeforeANewerViewLeavesTheNewerView() {
        state.update(info("c1", "web", "x", ContainerStatus.RUNNING, managed("x")), 20);
        assertThat(state.remove("c1", 10)).isEmpty();
        assertThat(state.get("c1")).isPresent();
        assertThat(state.remove("c1", 30)).isPresent();
        assertThat(state.get("c1")).isEmpty();
    }

    @Test
    void containersAreFoundByIdUniquePrefixOrName() {
        state.update(info("abcd1111", "one", "x", ContainerStatus.RUNNING, managed("x")), 1);
        state.update(info("abcd2222", "two", "y", ContainerStatus.RUNNING, managed("y")), 1);
        assertThat(state.find("abcd2222")).map(ManagedContainer::name).contains("two");
        assertThat(state.find("abcd1")).map(ManagedContainer::name).contains("one");
        assertThat(state.find("abcd")).isEmpty();
        assertThat(state.find("ab")).isEmpty();
        assertThat(state.find("two")).map(ManagedContainer::id).contains("abcd2222");
        assertThat(state.ofImage("y")).extracting(ManagedContainer::id).containsExactly("abcd2222");
    }

    @Test
    void everyListenerAddedHearsOfEachChangeEvenWhenAnEarlierOneFails() {
        List<String> reconciler = new java.util.ArrayList<>();
        List<String> dashboard = new java.util.ArrayList<>();
        state.onChange(image -> {
            reconciler.add(image);
            throw new IllegalStateException("this listener fails");
        });
        state.onChange(dashboard::add);

        state.update(info("l1", "web", "x", ContainerStatus.RUNNING, managed("nginx:alpine")), 1);
        state.exited("l1", 1, Instant.parse("2026-11-22T10:01:00Z"), 2);
        state.remove("l1", 3);

        assertThat(reconciler).containsExactly("nginx:alpine", "nginx:alpine", "nginx:alpine");
        assertThat(dashboard).containsExactly("nginx:alpine", "nginx:alpine", "nginx:alpine");
    }
}
