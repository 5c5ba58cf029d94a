package io.capstan.stack.swarm;

import io.capstan.core.error.EngineException;
import io.capstan.core.workload.WorkloadSpec;
import io.capstan.core.workload.WorkloadStatus;
import io.capstan.core.workload.WorkloadTask;
import io.capstan.stack.run.StackProgress;
import io.capstan.tck.fake.ReadOnlyTarget;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SwarmConvergenceTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** A target whose one service always reads the same: two running tasks and the given update state. */
    private static ReadOnlyTarget oneService(String updateState) {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        List<WorkloadTask> tasks = new ArrayList<>();
        for (int slot = 1; slot <= 2; slot++) {
            tasks.add(new WorkloadTask("t" + slot, slot, "node", "running", "running", "", "img", "c" + slot, at, at));
        }
        WorkloadStatus service = new WorkloadStatus("id", WorkloadSpec.builder("shop_web", "img").replicas(2).build(),
                2, 2, 2, tasks, updateState, at, at);
        return new ReadOnlyTarget(() -> List.of(service));
    }

    @Test
    void anUpdateSwarmCompletedIsDoneAtTheFirstReadingThatShowsEveryReplicaRunning() throws Exception {
        ReadOnlyTarget target = oneService("completed");
        new SwarmConvergence(target, StackProgress.NONE).await(Set.of("shop_web"), Set.of("shop_web"), Map.of(), TIMEOUT);
        assertThat(target.reads()).isEqualTo(1);
    }

    @Test
    void aServiceThisRunDidNotUpdateMustKeepRunningOverSeveralReadings() throws Exception {
        ReadOnlyTarget created = oneService("");
        new SwarmConvergence(created, StackProgress.NONE).await(Set.of("shop_web"), Set.of(), Map.of(), TIMEOUT);
        assertThat(created.reads()).isGreaterThan(1);

        // An earlier update's completion says nothing of the tasks now.
        ReadOnlyTarget unchanged = oneService("completed");
        new SwarmConvergence(unchanged, StackProgress.NONE).await(Set.of("shop_web"), Set.of(), Map.of(), TIMEOUT);
        assertThat(unchanged.reads()).isGreaterThan(1);
    }

    @Test
    void anUpdateSwarmRolledBackStillFails() {
        ReadOnlyTarget target = oneService("rollback_completed");
        assertThatThrownBy(() -> new SwarmConvergence(target, StackProgress.NONE)
                .await(Set.of("shop_web"), Set.of("shop_web"), Map.of(), TIMEOUT))
                .isInstanceOf(EngineException.class).hasMessageStartingWith("service 'shop_web' (shop_web): update rollback completed");
    }
}
