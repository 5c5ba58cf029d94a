package io.capstan.tck;

import io.capstan.core.engine.LogOptions;
import io.capstan.core.engine.Subscription;
import io.capstan.core.error.ConflictException;
import io.capstan.core.error.InvalidSpecException;
import io.capstan.core.error.NotFoundException;
import io.capstan.core.label.Labels;
import io.capstan.core.model.LogLine;
import io.capstan.core.workload.UpdatePolicy;
import io.capstan.core.workload.WorkloadSpec;
import io.capstan.core.workload.WorkloadStatus;
import io.capstan.core.workload.WorkloadTarget;
import io.capstan.core.workload.WorkloadTask;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * What every {@link WorkloadTarget} does with the workloads it keeps: lifecycle, scale, rolling update and rollback,
 * logs and bad requests. It needs the target's replicas to run, but not to be reached over a network, so it also runs
 * on a target whose replicas are simulated (Kubernetes' mock API server with a test kubelet);
 * {@link WorkloadTargetContract} adds what needs real replicas on a real network. Workloads it creates are named
 * {@code <prefix>-<run id>-...}, carry {@code io.capstan.test=<run id>} and are removed at the end. Published ports
 * are host-mode and endpoints DNS round robin, so the suite also runs where the routing mesh cannot (no IPVS).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class WorkloadControllerContract {
    protected static final String TEST_LABEL = Labels.TEST;
    protected static final Duration PATIENCE = Duration.ofSeconds(90);

    protected final String run = UUID.randomUUID().toString().substring(0, 8);
    protected WorkloadTarget target;

    /** The target under test; called once. */
    protected abstract WorkloadTarget createTarget();

    /** What names of this run start with; a backend's test gives its own, so parallel runs never collide. */
    protected String namePrefix() {
        return "tck";
    }

    @BeforeAll
    void connectTarget() {
        target = createTarget();
    }

    @AfterAll
    void removeWorkloads() {
        if (target == null) {
            return;
        }
        for (WorkloadStatus workload : target.list(Map.of(TEST_LABEL, run))) {
            try {
                target.remove(workload.name());
            } catch (NotFoundException gone) {
                // removed by its test already
            }
        }
        closeTarget();
    }

    /** Called once this run's workloads are gone; a backend's test releases what it set up for the target here. */
    protected void closeTarget() {
        target.close();
    }

    protected String name(String what) {
        return namePrefix() + "-" + run + "-" + what;
    }

    protected WorkloadSpec.Builder sleeper(String what, int replicas) {
        return WorkloadSpec.builder(name(what), TestImages.BUSYBOX)
                // stops at once on SIGTERM (a sleep as PID 1 ignores it), so that every replaced replica does not
                // cost the target's whole stop grace period
                .command("sh", "-c", "trap 'exit 0' TERM; echo started $GREETING; sleep 3600 & wait")
                .env("GREETING", "hello")
                .replicas(replicas)
                .endpointMode(WorkloadSpec.EndpointMode.DNSRR)
                .label(TEST_LABEL, run);
    }

    protected WorkloadStatus awaitRunning(String name, int replicas) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> {
            WorkloadStatus status = target.inspect(name);
            return status.running() == replicas && status.currentTasks().size() == replicas
                    && status.currentTasks().stream().allMatch(WorkloadTask::isRunning);
        });
        return target.inspect(name);
    }

    @Test
    void createsListsScalesAndRemovesAWorkload() {
        String name = name("life");
        WorkloadStatus created = target.create(sleeper("life", 3).build());
        assertThat(created.name()).isEqualTo(name);
        assertThat(created.desired()).isEqualTo(3);

        WorkloadStatus running = awaitRunning(name, 3);
        assertThat(running.spec().image()).isEqualTo(TestImages.BUSYBOX);
        assertThat(running.spec().env()).containsEntry("GREETING", "hello");
        assertThat(running.currentTasks()).allSatisfy(task -> {
            assertThat(task.node()).isNotEmpty();
            assertThat(task.containerId()).isNotEmpty();
        });
        assertThat(running.currentTasks().stream().map(WorkloadTask::slot).collect(Collectors.toSet())).hasSize(3);
        assertThat(target.list(Map.of(TEST_LABEL, run))).extracting(WorkloadStatus::name).contains(name);
        assertThat(target.list(Map.of(TEST_LABEL, "another-run"))).extracting(WorkloadStatus::name).doesNotContain(name);

        WorkloadStatus scaled = target.scale(name, 1);
        assertThat(scaled.desired()).isEqualTo(1);
        assertThat(awaitRunning(name, 1).spec().replicas()).isEqualTo(1);

        target.remove(name);
        assertThatThrownBy(() -> target.inspect(name)).isInstanceOf(NotFoundException.class);
        assertThat(target.list(Map.of(TEST_LABEL, run))).extracting(WorkloadStatus::name).doesNotContain(name);
    }

    @Test
    void rollingUpdateReplacesEveryReplicaAndRollbackRestoresTheEarlierSpec() {
        String name = name("roll");
        target.create(sleeper("roll", 2).update(UpdatePolicy.DEFAULT.withParallelism(1))
                .rollback(UpdatePolicy.DEFAULT.withParallelism(1)).build());
        WorkloadStatus before = awaitRunning(name, 2);
        Set<String> firstTasks = taskIds(before);
        assertThat(before.spec().update().parallelism()).isEqualTo(1);

        target.update(before.spec().toBuilder().env("GREETING", "updated").build());
        WorkloadStatus updated = awaitSettled(name, "completed");
        assertThat(updated.spec().env()).containsEntry("GREETING", "updated");
        assertThat(taskIds(updated)).hasSize(2).doesNotContainAnyElementsOf(firstTasks);
        assertThat(updated.spec().replicas()).isEqualTo(2);

        target.rollback(name);
        WorkloadStatus rolledBack = awaitSettled(name, "rollback_completed");
        assertThat(rolledBack.spec().env()).containsEntry("GREETING", "hello");
        assertThat(taskIds(rolledBack)).hasSize(2).doesNotContainAnyElementsOf(taskIds(updated));
        target.remove(name);
    }

    private WorkloadStatus awaitSettled(String name, String updateState) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> {
            WorkloadStatus status = target.inspect(name);
            return status.updateState().equals(updateState) && status.running() == status.desired()
                    && status.currentTasks().size() == status.desired()
                    && status.currentTasks().stream().allMatch(WorkloadTask::isRunning);
        });
        return target.inspect(name);
    }

    private static Set<String> taskIds(WorkloadStatus status) {
        return status.currentTasks().stream().map(WorkloadTask::id).collect(Collectors.toSet());
    }

    @Test
    void logsCarryEveryReplicasOutput() throws Exception {
        String name = name("logs");
        target.create(sleeper("logs", 2).build());
        awaitRunning(name, 2);
        List<LogLine> lines = new CopyOnWriteArrayList<>();
        await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).until(() -> {
            lines.clear();
            try (Subscription logs = target.logs(name, LogOptions.ALL, lines::add)) {
                logs.awaitCompletion(Duration.ofSeconds(10));
            }
            return lines.stream().filter(l -> l.text().endsWith("started hello")).count() == 2;
        });
        assertThat(lines).allSatisfy(l -> assertThat(l.stream()).isEqualTo(LogLine.Stream.STDOUT));
        target.remove(name);
    }

    @Test
    void badRequestsAreRefusedWithTheirName() {
        assertThatThrownBy(() -> target.inspect(name("missing")))
                .isInstanceOf(NotFoundException.class).hasMessageContaining(name("missing"));
        assertThatThrownBy(() -> target.scale(name("missing"), 2)).isInstanceOf(NotFoundException.class);

        String name = name("dup");
        target.create(sleeper("dup", 1).build());
        assertThatThrownBy(() -> target.create(sleeper("dup", 1).build()))
                .isInstanceOf(ConflictException.class).hasMessageContaining(name);
        assertThatThrownBy(() -> target.rollback(name))
                .isInstanceOf(ConflictException.class).hasMessageContaining("never updated");
        assertThatThrownBy(() -> target.scale(name, -1)).isInstanceOf(InvalidSpecException.class);
        target.remove(name);

        String global = name("global");
        target.create(sleeper("global", 0).global().build());
        assertThatThrownBy(() -> target.scale(global, 2))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("global");
        target.remove(global);
    }
}
