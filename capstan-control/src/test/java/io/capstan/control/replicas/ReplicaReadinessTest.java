package io.capstan.control.replicas;

import io.capstan.control.managed.ManagedContainer;
import io.capstan.core.readiness.Readiness;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A rollout's new replica takes over once it runs, and is healthy when its image has a healthcheck. */
class ReplicaReadinessTest {
    private static ManagedContainer replica(String status, String health, int exitCode) {
        Instant at = Instant.parse("2026-12-01T10:00:00Z");
        return new ManagedContainer("c1", "web-1", "nginx:alpine", status, health, exitCode, Map.of(), null, null,
                at, at, null, "node-1", "sha256:x", "5960aaa7c9091f0b");
    }

    @Test
    void aRunningReplicaIsReadyWithoutAHealthcheckAndOnceHealthyWithOne() {
        assertThat(ReplicaReadiness.of(replica("running", "none", 0))).isEqualTo(Readiness.READY);
        assertThat(ReplicaReadiness.of(replica("running", "healthy", 0))).isEqualTo(Readiness.READY);
        assertThat(ReplicaReadiness.of(replica("running", "starting", 0))).isEqualTo(Readiness.WAITING);
        assertThat(ReplicaReadiness.of(replica("running", "unhealthy", 0))).isEqualTo(Readiness.WAITING);
    }

    @Test
    void aReplicaThatStoppedOrWaitsOutACrashLoopWillNotTakeOver() {
        assertThat(ReplicaReadiness.of(replica("exited", "none", 1))).isEqualTo(Readiness.STOPPED);
        assertThat(ReplicaReadiness.of(replica("dead", "none", 137))).isEqualTo(Readiness.STOPPED);
        assertThat(ReplicaReadiness.of(replica("created", "none", 0))).isEqualTo(Readiness.STOPPED);
        assertThat(ReplicaReadiness.of(replica("crashloop", "none", 1))).isEqualTo(Readiness.STOPPED);
    }

    @Test
    void aReplicaBetweenStatesIsWaitedFor() {
        assertThat(ReplicaReadiness.of(replica("restarting", "none", 1))).isEqualTo(Readiness.WAITING);
        assertThat(ReplicaReadiness.of(replica("paused", "none", 0))).isEqualTo(Readiness.WAITING);
    }
}
