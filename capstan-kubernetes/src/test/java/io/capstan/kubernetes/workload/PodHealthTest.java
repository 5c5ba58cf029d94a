package io.capstan.kubernetes.workload;

import io.capstan.core.model.Health;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A pod's health as the control plane shows it: the Ready condition's verdict, read as an engine's healthcheck. */
class PodHealthTest {
    private static final String STARTED = "2026-01-01T00:00:10Z";

    private static Pod pod(boolean probe, String phase, String ready, String readySince, boolean deleting) {
        var spec = new PodBuilder().withNewMetadata().withName("web-1").withCreationTimestamp("2026-01-01T00:00:00Z")
                .withDeletionTimestamp(deleting ? "2026-01-01T00:01:00Z" : null).endMetadata()
                .withNewSpec().addNewContainer().withName("web").withImage("web:1");
        if (probe) {
            spec = spec.withNewReadinessProbe().withNewHttpGet().withPath("/").withNewPort(80).endHttpGet().endReadinessProbe();
        }
        return spec.endContainer().endSpec()
                .withNewStatus().withPhase(phase)
                .addNewCondition().withType("Ready").withStatus(ready).withLastTransitionTime(readySince).endCondition()
                .addNewContainerStatus().withName("web").withReady("True".equals(ready))
                .withNewState().withNewRunning().withStartedAt(STARTED).endRunning().endState().endContainerStatus()
                .endStatus().build();
    }

    private static Health health(Pod pod) {
        return WorkloadReading.task(pod, 1).health();
    }

    @Test
    void readyIsHealthyAndNoProbeIsNone() {
        assertThat(health(pod(true, "Running", "True", "2026-01-01T00:00:12Z", false))).isEqualTo(Health.HEALTHY);
        assertThat(health(pod(false, "Running", "False", "2026-01-01T00:00:01Z", false))).isEqualTo(Health.NONE);
    }

    @Test
    void notYetReadySinceItsStartIsStartingAndUnreadyAfterThatIsUnhealthy() {
        assertThat(health(pod(true, "Pending", "False", "2026-01-01T00:00:01Z", false))).isEqualTo(Health.STARTING);
        assertThat(health(pod(true, "Running", "False", "2026-01-01T00:00:01Z", false)))
                .as("unready since before its container started: its first check has not passed yet")
                .isEqualTo(Health.STARTING);
        assertThat(health(pod(true, "Running", "False", "2026-01-01T00:05:00Z", false)))
                .as("turned unready after it had started (and been ready)").isEqualTo(Health.UNHEALTHY);
    }

    @Test
    void aPodOnItsWayOutIsNotJudged() {
        assertThat(health(pod(true, "Running", "False", "2026-01-01T00:05:00Z", true))).isEqualTo(Health.NONE);
    }
}
