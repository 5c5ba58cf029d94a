package io.capstan.docker;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.Task;
import io.capstan.core.model.Health;
import io.capstan.core.workload.WorkloadTask;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Task health from the task JSON a Docker 20.10 swarm manager answered for services with a healthcheck. */
class SwarmTaskHealthTest {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** A task as the engine lists it, with the given {@code Status} and desired state. */
    private static WorkloadTask task(String status, String desired, boolean checked) throws Exception {
        Task t = JSON.readValue("""
                {"ID": "3mrcch2ns655ucpf0uzba9qb4", "Slot": 1, "NodeID": "4d0vh5mng1ptfaq2hwcuxojf0",
                 "CreatedAt": "2026-12-05T03:38:01.9Z", "DesiredState": "%s",
                 "Spec": {"ContainerSpec": {"Image": "capstan-busybox:test", "Args": ["sleep", "3600"],
                   "Healthcheck": {"Test": ["CMD-SHELL", "false"], "Interval": 1000000000, "Retries": 1}}},
                 "Status": %s}""".formatted(desired, status), Task.class);
        return SwarmMapper.task(t, Map.of("4d0vh5mng1ptfaq2hwcuxojf0", "vm"), checked);
    }

    @Test
    void aTaskSwarmHoldsInStartingIsStartingAndARunningOneIsHealthy() throws Exception {
        WorkloadTask starting = task("""
                {"Timestamp": "2026-12-05T03:38:02Z", "State": "starting", "Message": "starting",
                 "ContainerStatus": {"ContainerID": "f560b0c6904a", "PID": 30184, "ExitCode": 0}}""", "running", true);
        WorkloadTask running = task("""
                {"Timestamp": "2026-12-05T03:38:02.284808627Z", "State": "running", "Message": "started",
                 "ContainerStatus": {"ContainerID": "6bbb6a5a46c7", "PID": 30184, "ExitCode": 0}}""", "running", true);

        assertThat(starting.health()).isEqualTo(Health.STARTING);
        assertThat(running.health()).isEqualTo(Health.HEALTHY);
    }

    @Test
    void aTaskSwarmFailedForItsHealthcheckIsUnhealthy() throws Exception {
        WorkloadTask failed = task("""
                {"Timestamp": "2026-12-05T03:38:12.358323388Z", "State": "failed", "Message": "starting",
                 "Err": "task: non-zero exit (137): dockerexec: unhealthy container",
                 "ContainerStatus": {"ContainerID": "f560b0c6904a", "PID": 0, "ExitCode": 137}}""", "shutdown", true);

        assertThat(failed.health()).isEqualTo(Health.UNHEALTHY);
        assertThat(failed.error()).contains("unhealthy container");
    }

    @Test
    void aTaskThatEndedForAnotherReasonKeepsTheVerdictItHadThen() throws Exception {
        WorkloadTask shutDownWhileStarting = task("""
                {"State": "shutdown", "Message": "starting",
                 "ContainerStatus": {"ContainerID": "f560b0c6904a", "ExitCode": 137}}""", "shutdown", true);
        WorkloadTask shutDownAfterRunning = task("""
                {"State": "shutdown", "Message": "shutdown",
                 "ContainerStatus": {"ContainerID": "6bbb6a5a46c7", "ExitCode": 137}}""", "shutdown", true);

        assertThat(shutDownWhileStarting.health()).isEqualTo(Health.STARTING);
        assertThat(shutDownAfterRunning.health()).isEqualTo(Health.HEALTHY);
    }

    @Test
    void aServiceWithoutHealthcheckHasTasksWithNone() throws Exception {
        WorkloadTask running = task("""
                {"State": "running", "Message": "started", "ContainerStatus": {"ContainerID": "6bbb6a5a46c7"}}""",
                "running", false);

        assertThat(running.health()).isEqualTo(Health.NONE);
    }

    @Test
    void theServicesOwnHealthcheckWinsOverTheImagesAndNoneTurnsItOff() {
        HealthCheck image = new HealthCheck().withTest(List.of("CMD-SHELL", "test -f /tmp/ready"));
        HealthCheck off = new HealthCheck().withTest(List.of("NONE"));
        HealthCheck own = new HealthCheck().withTest(List.of("CMD", "true"));

        assertThat(SwarmTaskHealth.checked(null, image)).isTrue();
        assertThat(SwarmTaskHealth.checked(off, image)).isFalse();
        assertThat(SwarmTaskHealth.checked(own, null)).isTrue();
        assertThat(SwarmTaskHealth.checked(null, null)).isFalse();
    }
}
