package io.capstan.control.workload;

import io.capstan.control.managed.ManagedContainer;
import io.capstan.control.store.EventRecord;
import io.capstan.core.workload.WorkloadTask;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TaskEventsTest {
    private static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant UPDATED = Instant.parse("2026-01-01T00:00:05Z");

    private static WorkloadTask task(String state, String desired, String error, String container) {
        return new WorkloadTask("t1", 1, "node-1", state, desired, error, "web:1", container, CREATED, UPDATED);
    }

    private static ManagedContainer view(WorkloadTask t) {
        return new ManagedContainer(TaskView.id(t), "svc.1.t1", "web:1", TaskView.status(t), "none",
                TaskView.exitCode(t), Map.of("80/tcp", 8080), null, null, CREATED, null, null, "node-1", null, "h");
    }

    private static List<String> words(List<TaskEvents.Keyed> events) {
        return events.stream().map(e -> e.event().event()).toList();
    }

    @Test
    void aTaskSeenRunningIsCreatedAndStartedOnceEach() {
        WorkloadTask pending = task("pending", "running", "", "");
        List<TaskEvents.Keyed> first = TaskEvents.between(List.of(), pending, view(pending));
        assertThat(words(first)).containsExactly("create");
        assertThat(first.getFirst().key()).isEqualTo("task/t1/create");
        assertThat(first.getFirst().event().ts()).isEqualTo(CREATED);

        WorkloadTask running = task("running", "running", "", "c1");
        assertThat(TaskView.exitCode(running)).isZero();
        List<TaskEvents.Keyed> then = TaskEvents.between(List.of("create"), running, view(running));
        assertThat(words(then)).containsExactly("start");
        EventRecord start = then.getFirst().event();
        assertThat(start.containerId()).isEqualTo("c1");
        assertThat(start.host()).isEqualTo("node-1");
        assertThat(start.status()).isEqualTo("running");
        assertThat(start.ports()).containsEntry("80/tcp", 8080);
        assertThat(TaskEvents.between(List.of("create", "start"), running, view(running))).isEmpty();
    }

    @Test
    void aKilledTaskStopsWithItsExitCodeAndIsRemovedOnceSwarmForgetsIt() {
        WorkloadTask failed = task("failed", "shutdown", "task: non-zero exit (137)", "c1");
        assertThat(TaskView.status(failed)).isEqualTo("exited");
        assertThat(TaskView.exitCode(failed)).isEqualTo(137);
        List<TaskEvents.Keyed> events = TaskEvents.between(List.of("create", "start"), failed, view(failed));
        assertThat(words(events)).containsExactly("stop");
        assertThat(events.getFirst().event().status()).isEqualTo("failed: task: non-zero exit (137)");
        assertThat(events.getFirst().key()).isEqualTo("task/t1/stop");
        assertThat(TaskEvents.removed(failed, view(failed)).key()).isEqualTo("task/t1/remove");
    }

    @Test
    void aFailedPodHasTheExitCodeItsContainerStatusGives() {
        WorkloadTask failed = task("failed", "running", "Error (exit code 3)", "containerd://c1");
        assertThat(TaskView.status(failed)).isEqualTo("exited");
        assertThat(TaskView.exitCode(failed)).isEqualTo(3);
    }

    @Test
    void aTaskFirstSeenAfterItEndedStillHasItsWholeHistory() {
        WorkloadTask done = task("shutdown", "shutdown", "", "c1");
        assertThat(words(TaskEvents.between(List.of(), done, view(done)))).containsExactly("create", "start", "stop");
        WorkloadTask rejected = task("rejected", "shutdown", "no such image", "");
        assertThat(words(TaskEvents.between(List.of(), rejected, view(rejected)))).containsExactly("create", "stop");
    }
}
