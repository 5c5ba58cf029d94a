package io.capstan.control.workload;

import io.capstan.control.managed.ManagedState;
import io.capstan.core.label.Labels;
import io.capstan.core.model.Health;
import io.capstan.core.workload.WorkloadSpec;
import io.capstan.core.workload.WorkloadStatus;
import io.capstan.core.workload.WorkloadTask;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TaskViewTest {
    private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
    private static final String UNHEALTHY = "task: non-zero exit (137): dockerexec: unhealthy container";

    private static WorkloadTask task(String id, int slot, String state, String desired, String error, Health health) {
        return new WorkloadTask(id, slot, "node-1", state, desired, error, "web:1", "c-" + id, AT, AT, health);
    }

    private static WorkloadStatus service(WorkloadTask... tasks) {
        WorkloadSpec spec = WorkloadSpec.builder("capstan-web", "web:1").replicas(2)
                .label(Labels.OWNER, "true").label(Labels.MANAGED_BY, "web:1").label(ManagedState.SPEC_LABEL, "h").build();
        return new WorkloadStatus("s1", spec, 2, 0, 0, List.of(tasks), "", AT, AT);
    }

    @Test
    void theApiShowsTheVerdictTheTargetTellsOfEachTask() {
        WorkloadStatus s = service();
        assertThat(TaskView.of(s, "web:1", task("a", 1, "starting", "running", "", Health.STARTING)).health())
                .isEqualTo("starting");
        assertThat(TaskView.of(s, "web:1", task("b", 1, "running", "running", "", Health.HEALTHY)).health())
                .isEqualTo("healthy");
        assertThat(TaskView.of(s, "web:1", task("c", 1, "running", "running", "", Health.NONE)).health())
                .isEqualTo("none");
        var failed = TaskView.of(s, "web:1", task("d", 1, "failed", "shutdown", UNHEALTHY, Health.UNHEALTHY));
        assertThat(failed.health()).isEqualTo("unhealthy");
        assertThat(failed.status()).isEqualTo("exited");
        assertThat(failed.exitCode()).isEqualTo(137);
    }

    @Test
    void aReplicaFailedAsUnhealthyStaysListedUntilItsReplacementRuns() {
        WorkloadStatus waiting = service(
                task("new1", 1, "starting", "running", "", Health.STARTING),
                task("old1", 1, "failed", "shutdown", UNHEALTHY, Health.UNHEALTHY),
                task("older1", 1, "failed", "shutdown", UNHEALTHY, Health.UNHEALTHY),
                task("run2", 2, "running", "running", "", Health.HEALTHY),
                task("gone2", 2, "shutdown", "shutdown", "", Health.HEALTHY));
        assertThat(TaskView.listed(waiting)).containsExactlyInAnyOrder("new1", "old1", "run2");

        WorkloadStatus replaced = service(
                task("new1", 1, "running", "running", "", Health.HEALTHY),
                task("old1", 1, "failed", "shutdown", UNHEALTHY, Health.UNHEALTHY),
                task("run2", 2, "running", "running", "", Health.HEALTHY));
        assertThat(TaskView.listed(replaced)).containsExactlyInAnyOrder("new1", "run2");
    }
}
