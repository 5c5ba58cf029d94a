package io.capstan.server;

import io.capstan.core.label.Labels;
import io.capstan.core.model.EngineEvent;
import io.capstan.core.model.EventKind;
import io.capstan.kernels.launch.KernelLabels;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WorkloadChangesTest {
    @Test
    void aStacksOrAKernelsContainerChangingIsNewsForItsList() {
        Map<String, String> stack = Map.of(Labels.OWNER, "true", Labels.STACK, "shop", "name", "shop-web-1");
        Map<String, String> kernel = new HashMap<>(KernelLabels.of("k1", "alice"));

        assertThat(WorkloadChanges.kindOf(event("start", stack))).isEqualTo("stacks");
        assertThat(WorkloadChanges.kindOf(event("die", stack))).isEqualTo("stacks");
        assertThat(WorkloadChanges.kindOf(event("health_status: unhealthy", stack))).isEqualTo("stacks");
        assertThat(WorkloadChanges.kindOf(event("destroy", kernel))).isEqualTo("kernels");
        assertThat(WorkloadChanges.kindOf(event("create", kernel))).isEqualTo("kernels");
    }

    @Test
    void whatChangesNeitherListIsNot() {
        Map<String, String> stack = Map.of(Labels.OWNER, "true", Labels.STACK, "shop");
        assertThat(WorkloadChanges.kindOf(event("exec_start: sh", stack))).isNull();
        assertThat(WorkloadChanges.kindOf(event("attach", stack))).isNull();
        assertThat(WorkloadChanges.kindOf(event("start", Map.of(Labels.OWNER, "true", Labels.MANAGED_BY, "web:1"))))
                .isNull();
    }

    private static EngineEvent event(String action, Map<String, String> attributes) {
        EventKind kind = switch (action) {
            case "create" -> EventKind.CREATED;
            case "start" -> EventKind.STARTED;
            case "die" -> EventKind.DIED;
            case "destroy" -> EventKind.DESTROYED;
            default -> action.startsWith("health_status") ? EventKind.HEALTH : EventKind.OTHER;
        };
        return new EngineEvent("container", kind, action, "c0ffee", attributes, Instant.now());
    }
}
