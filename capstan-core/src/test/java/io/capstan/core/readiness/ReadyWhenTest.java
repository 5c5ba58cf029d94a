package io.capstan.core.readiness;

import io.capstan.core.model.ContainerStatus;
import io.capstan.core.model.Health;
import org.junit.jupiter.api.Test;

import static io.capstan.core.model.ContainerStatus.CREATED;
import static io.capstan.core.model.ContainerStatus.DEAD;
import static io.capstan.core.model.ContainerStatus.EXITED;
import static io.capstan.core.model.ContainerStatus.RESTARTING;
import static io.capstan.core.model.ContainerStatus.RUNNING;
import static io.capstan.core.model.Health.HEALTHY;
import static io.capstan.core.model.Health.NONE;
import static io.capstan.core.model.Health.STARTING;
import static io.capstan.core.model.Health.UNHEALTHY;
import static org.assertj.core.api.Assertions.assertThat;

class ReadyWhenTest {
    private static ContainerState state(ContainerStatus status, Health health, int exitCode) {
        return new ContainerState(status, health, exitCode);
    }

    @Test
    void runningIsReadyOnceItRunsAndIsHealthyWhenItHasAHealthcheck() {
        assertThat(ReadyWhen.RUNNING.check(state(RUNNING, NONE, 0))).isEqualTo(Readiness.READY);
        assertThat(ReadyWhen.RUNNING.check(state(RUNNING, HEALTHY, 0))).isEqualTo(Readiness.READY);
        assertThat(ReadyWhen.RUNNING.check(state(RUNNING, STARTING, 0))).isEqualTo(Readiness.WAITING);
        assertThat(ReadyWhen.RUNNING.check(state(RESTARTING, NONE, 1))).isEqualTo(Readiness.WAITING);
    }

    @Test
    void runningKeepsWaitingThroughAFailedHealthcheckButNotThroughAnExit() {
        assertThat(ReadyWhen.RUNNING.check(state(RUNNING, UNHEALTHY, 0))).isEqualTo(Readiness.WAITING);
        assertThat(ReadyWhen.RUNNING.check(state(EXITED, NONE, 0))).isEqualTo(Readiness.STOPPED);
        assertThat(ReadyWhen.RUNNING.check(state(DEAD, NONE, 137))).isEqualTo(Readiness.STOPPED);
        assertThat(ReadyWhen.RUNNING.check(state(CREATED, NONE, 0))).isEqualTo(Readiness.STOPPED);
    }

    @Test
    void healthyNeedsAHealthcheckThatPassesOnARunningContainer() {
        assertThat(ReadyWhen.HEALTHY.check(state(RUNNING, HEALTHY, 0))).isEqualTo(Readiness.READY);
        assertThat(ReadyWhen.HEALTHY.check(state(RUNNING, STARTING, 0))).isEqualTo(Readiness.WAITING);
        assertThat(ReadyWhen.HEALTHY.check(state(RUNNING, NONE, 0))).isEqualTo(Readiness.NO_HEALTHCHECK);
        assertThat(ReadyWhen.HEALTHY.check(state(RUNNING, UNHEALTHY, 0))).isEqualTo(Readiness.UNHEALTHY);
        assertThat(ReadyWhen.HEALTHY.check(state(EXITED, STARTING, 3))).isEqualTo(Readiness.STOPPED);
    }

    @Test
    void completedSuccessfullyWaitsForTheExitAndNeedsCodeZero() {
        assertThat(ReadyWhen.COMPLETED_SUCCESSFULLY.check(state(RUNNING, NONE, 0))).isEqualTo(Readiness.WAITING);
        assertThat(ReadyWhen.COMPLETED_SUCCESSFULLY.check(state(CREATED, NONE, 0))).isEqualTo(Readiness.WAITING);
        assertThat(ReadyWhen.COMPLETED_SUCCESSFULLY.check(state(EXITED, NONE, 0))).isEqualTo(Readiness.READY);
        assertThat(ReadyWhen.COMPLETED_SUCCESSFULLY.check(state(DEAD, NONE, 0))).isEqualTo(Readiness.READY);
        assertThat(ReadyWhen.COMPLETED_SUCCESSFULLY.check(state(EXITED, NONE, 2))).isEqualTo(Readiness.EXITED_WITH_ERROR);
    }

    @Test
    void onlyReadyAndWaitingLeaveRoomToWait() {
        assertThat(Readiness.READY.isFailure()).isFalse();
        assertThat(Readiness.WAITING.isFailure()).isFalse();
        assertThat(Readiness.NO_HEALTHCHECK.isFailure()).isTrue();
        assertThat(Readiness.UNHEALTHY.isFailure()).isTrue();
        assertThat(Readiness.STOPPED.isFailure()).isTrue();
        assertThat(Readiness.EXITED_WITH_ERROR.isFailure()).isTrue();
    }
}
