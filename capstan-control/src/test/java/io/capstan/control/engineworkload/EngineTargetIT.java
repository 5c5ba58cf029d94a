package io.capstan.control.engineworkload;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.ContainerFilter;
import io.capstan.core.model.ContainerInfo;
import io.capstan.core.model.ContainerSummary;
import io.capstan.core.workload.WorkloadSpec;
import io.capstan.core.workload.WorkloadTarget;
import io.capstan.core.workload.WorkloadTask;
import io.capstan.docker.EngineLocator;
import io.capstan.tck.TestImages;
import io.capstan.tck.WorkloadTargetContract;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The workload contract on the real Docker engine (as {@code DOCKER_HOST} says), every part of it: one engine
 * publishes a host-mode port on its own host and resolves networks by name. Plus what only replicas on one engine
 * show: the engine restarts them by itself once the process that created them is gone; and when the workloads are
 * removed, not one of their containers is left.
 */
class EngineTargetIT extends WorkloadTargetContract {
    private ContainerEngine engine;

    @Override
    protected WorkloadTarget createTarget() {
        engine = EngineLocator.fromEnvironment().locate(null);
        return new EngineTarget(engine);
    }

    @Override
    protected String namePrefix() {
        return "enginetarget13";
    }

    /** Every workload of this run is removed by now: not one of its containers may be left behind. */
    @Override
    protected void closeTarget() {
        target.close();
        try {
            List<ContainerSummary> left = engine.containers().list(new ContainerFilter(true, Map.of(), name("")));
            left.forEach(c -> engine.containers().remove(c.id(), true, false));
            assertThat(left).extracting(ContainerSummary::name).isEmpty();
        } finally {
            engine.close();
        }
    }

    @Test
    void theEngineRestartsAReplicaThatExitsAfterTheTargetClosed() {
        String name = name("restarts");
        WorkloadSpec spec = WorkloadSpec.builder(name, TestImages.BUSYBOX)
                .command("sh", "-c", "sleep 2; exit 1").replicas(1).label(TEST_LABEL, run).build();
        String container;
        try (EngineTarget earlier = new EngineTarget(engine)) {
            earlier.create(spec);
            await().atMost(PATIENCE).until(() -> !earlier.inspect(name).currentTasks().isEmpty());
            container = earlier.inspect(name).currentTasks().getFirst().containerId();
        }
        Instant firstStart = await().atMost(PATIENCE).until(() -> engine.containers().inspect(container).startedAt(),
                started -> started != null && started.isAfter(Instant.EPOCH));
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).until(() -> {
            ContainerInfo now = engine.containers().inspect(container);
            return now.startedAt().isAfter(firstStart);
        });
        WorkloadTask task = target.inspect(name).currentTasks().getFirst();
        assertThat(task.containerId()).isEqualTo(container);
        assertThat(task.desiredState()).isEqualTo("running");
        target.remove(name);
    }
}
