package io.capstan.control.engineworkload;

import io.capstan.core.engine.ContainerFilter;
import io.capstan.core.engine.EventFilter;
import io.capstan.core.engine.Subscription;
import io.capstan.core.error.EngineException;
import io.capstan.core.error.InvalidSpecException;
import io.capstan.core.label.Labels;
import io.capstan.core.model.EngineEvent;
import io.capstan.core.model.EventKind;
import io.capstan.core.model.LogLine;
import io.capstan.core.spec.RestartPolicy;
import io.capstan.core.workload.UpdatePolicy;
import io.capstan.core.workload.WorkloadPort;
import io.capstan.core.workload.WorkloadRestart;
import io.capstan.core.workload.WorkloadStatus;
import io.capstan.core.workload.WorkloadTarget;
import io.capstan.core.workload.WorkloadTask;
import io.capstan.tck.TestImages;
import io.capstan.tck.WorkloadControllerContract;
import io.capstan.tck.fake.FakeEngine;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The workload contract on the fake engine, and what only a target made of one engine's containers does: restart
 * policies on the replicas, refusals of what one engine cannot do, a failed replica rolling the update back, and a
 * second process finding what the first created.
 */
class EngineTargetTest extends WorkloadControllerContract {
    private final FakeEngine engine = new FakeEngine();
    private Subscription sleepers;

    @Override
    protected WorkloadTarget createTarget() {
        engine.addImage(TestImages.BUSYBOX);
        sleepers = engine.events(EventFilter.containers(Map.of(Labels.WORKLOAD_ROLE, "replica")), this::echoGreeting);
        return new EngineTarget(engine, Duration.ofMillis(100));
    }

    /**
     * The fake runs no process: this stands in for the contract's sleeper, whose shell echoes its greeting on start.
     */
    private void echoGreeting(EngineEvent event) {
        if (event.kind() == EventKind.STARTED) {
            String greeting = engine.containers().inspect(event.actorId()).environment().get("GREETING");
            engine.log(event.actorId(), LogLine.Stream.STDOUT, "started " + greeting);
        }
    }

    @Override
    protected String namePrefix() {
        return "enginetarget13";
    }

    @Override
    protected void closeTarget() {
        sleepers.close();
        target.close();
    }

    @Test
    void replicasCarryTheRestartPolicyTheEngineAppliesAfterThisProcessEnds() {
        String name = name("restart");
        target.create(sleeper("restart", 1).restart(new WorkloadRestart(WorkloadRestart.Condition.ON_FAILURE, null, 3))
                .build());
        WorkloadTask task = awaitRunning(name, 1).currentTasks().getFirst();
        assertThat(engine.containers().inspect(task.containerId()).restartPolicy())
                .isEqualTo(new RestartPolicy(RestartPolicy.Mode.ON_FAILURE, 3));
        assertThat(engine.containers().inspect(task.containerId()).name()).startsWith(name + ".1.");
        target.remove(name);
    }

    @Test
    void whatOneEngineCannotDoIsRefusedWithTheWorkloadsName() {
        assertThatThrownBy(() -> target.create(sleeper("placed", 1).constraint("node.role==worker").build()))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining(name("placed"))
                .hasMessageContaining("constraints");
        assertThatThrownBy(() -> target.create(sleeper("ports", 2)
                .port(new WorkloadPort(18080, 80, "tcp", WorkloadPort.Mode.HOST)).build()))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining(name("ports"))
                .hasMessageContaining("18080");
        assertThat(target.list(Map.of(TEST_LABEL, run))).extracting(WorkloadStatus::name)
                .doesNotContain(name("placed"), name("ports"));

        String single = name("single");
        target.create(sleeper("single", 1).port(new WorkloadPort(18081, 80, "tcp", WorkloadPort.Mode.HOST)).build());
        assertThatThrownBy(() -> target.scale(single, 2)).isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("18081");
        assertThat(target.inspect(single).desired()).isEqualTo(1);
        target.remove(single);
    }

    @Test
    void aReplicaExitingWithinTheMonitorPeriodRollsTheUpdateBack() {
        String name = name("failing");
        target.create(sleeper("failing", 1).update(UpdatePolicy.DEFAULT
                .withFailureAction(UpdatePolicy.FailureAction.ROLLBACK).withMonitor(Duration.ofSeconds(30))).build());
        WorkloadStatus before = awaitRunning(name, 1);
        String first = before.currentTasks().getFirst().id();

        target.update(before.spec().toBuilder().env("GREETING", "broken").build());
        await().atMost(PATIENCE).until(() -> target.inspect(name).currentTasks().stream()
                .anyMatch(t -> !t.id().equals(first) && t.isRunning()));
        String broken = target.inspect(name).currentTasks().getFirst().containerId();
        engine.exit(broken, 1);

        await().atMost(PATIENCE).until(() -> target.inspect(name).updateState().equals("rollback_completed"));
        WorkloadStatus after = awaitRunning(name, 1);
        assertThat(after.spec().env()).containsEntry("GREETING", "hello");
        assertThat(engine.containers().inspect(after.currentTasks().getFirst().containerId()).environment())
                .containsEntry("GREETING", "hello");
        target.remove(name);
    }

    @Test
    void aFailedReplicaPausesTheUpdateAndInspectNamesItsExitCode() {
        String name = name("paused");
        target.create(sleeper("paused", 2).update(UpdatePolicy.DEFAULT.withMonitor(Duration.ofSeconds(30))).build());
        WorkloadStatus before = awaitRunning(name, 2);

        target.update(before.spec().toBuilder().env("GREETING", "broken").build());
        await().atMost(PATIENCE).until(() -> target.inspect(name).tasks().stream()
                .anyMatch(t -> t.isRunning() && "broken".equals(engine.containers().inspect(t.containerId())
                        .environment().get("GREETING"))));
        String broken = target.inspect(name).tasks().getFirst().containerId();
        engine.exit(broken, 3);

        await().atMost(PATIENCE).until(() -> target.inspect(name).updateState().equals("paused"));
        WorkloadStatus paused = target.inspect(name);
        assertThat(paused.tasks()).filteredOn(t -> t.containerId().equals(broken)).singleElement()
                .satisfies(t -> {
                    assertThat(t.state()).isEqualTo("exited");
                    assertThat(t.error()).isEqualTo("exit code 3");
                    assertThat(t.node()).isEqualTo("fake");
                });
        assertThat(paused.running()).isEqualTo(1);
        target.remove(name);
    }

    @Test
    void anotherProcessFindsTheWorkloadAndRollsItBack() {
        String name = name("later");
        target.create(sleeper("later", 1).build());
        WorkloadStatus before = awaitRunning(name, 1);
        target.update(before.spec().toBuilder().env("GREETING", "updated").build());
        await().atMost(PATIENCE).until(() -> target.inspect(name).updateState().equals("completed"));

        try (EngineTarget later = new EngineTarget(engine, Duration.ofMillis(100))) {
            WorkloadStatus found = later.inspect(name);
            assertThat(found.spec().env()).containsEntry("GREETING", "updated");
            assertThat(found.updateState()).isEqualTo("completed");
            assertThat(later.inspect(found.id()).name()).isEqualTo(name);

            later.rollback(name);
            await().atMost(PATIENCE).until(() -> later.inspect(name).updateState().equals("rollback_completed"));
            assertThat(later.inspect(name).spec().env()).containsEntry("GREETING", "hello");
        }
        target.remove(name);
    }

    @Test
    void aWorkloadScaledToZeroStillExists() {
        String name = name("zero");
        target.create(sleeper("zero", 2).build());
        awaitRunning(name, 2);
        target.scale(name, 0);
        await().atMost(PATIENCE).until(() -> target.inspect(name).tasks().isEmpty());
        assertThat(target.inspect(name).desired()).isZero();
        target.scale(name, 1);
        awaitRunning(name, 1);
        target.remove(name);
    }

    @Test
    void startFirstStartsTheNewReplicaBeforeStoppingTheOldOne() {
        String name = name("startfirst");
        target.create(sleeper("startfirst", 1)
                .update(UpdatePolicy.DEFAULT.withOrder(UpdatePolicy.Order.START_FIRST)).build());
        String old = awaitRunning(name, 1).currentTasks().getFirst().containerId();
        List<String> calls = new CopyOnWriteArrayList<>();
        engine.observeCalls(call -> {
            if (call.operation().equals("containers.start") || call.operation().equals("containers.stop")) {
                calls.add(call.operation() + (old.equals(call.ref()) ? " old" : " new"));
            }
        });
        try {
            target.update(target.inspect(name).spec().toBuilder().env("GREETING", "again").build());
            await().atMost(PATIENCE).until(() -> target.inspect(name).updateState().equals("completed"));
        } finally {
            engine.observeCalls(call -> { });
        }
        assertThat(calls).containsExactly("containers.start new", "containers.stop old");
        assertThat(awaitRunning(name, 1).currentTasks().getFirst().containerId()).isNotEqualTo(old);
        target.remove(name);
    }

    @Test
    void aReplicaThatCouldNotStartIsTriedAgain() {
        String name = name("retry");
        AtomicInteger starts = new AtomicInteger();
        engine.observeCalls(call -> {
            if (call.operation().equals("containers.start") && starts.incrementAndGet() == 1) {
                throw new EngineException("engine fake: no room for another container");
            }
        });
        try {
            target.create(sleeper("retry", 1).build());
            assertThat(awaitRunning(name, 1).currentTasks()).singleElement()
                    .satisfies(t -> assertThat(t.slot()).isEqualTo(1));
            assertThat(starts.get()).isEqualTo(2);
            assertThat(engine.containers().list(ContainerFilter.ALL)).filteredOn(c -> c.name().startsWith(name + ".1."))
                    .hasSize(1);
        } finally {
            engine.observeCalls(call -> { });
        }
        target.remove(name);
    }
}
