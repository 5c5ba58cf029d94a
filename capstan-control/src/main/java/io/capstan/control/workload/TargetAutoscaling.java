package io.capstan.control.workload;

import io.capstan.control.store.Autoscale;
import io.capstan.control.store.DesiredImage;
import io.capstan.core.workload.AutoscalePolicy;
import io.capstan.core.workload.Autoscaling;

import java.util.Optional;

/**
 * An image's autoscaling handed to a target that autoscales by itself: its policy becomes the target's, and it goes
 * when the image no longer has one. While the target autoscales, the replica count is the target's.
 */
final class TargetAutoscaling {
    private TargetAutoscaling() {
    }

    /** The target's policy for {@code d}'s autoscaling, empty when it has none. */
    static Optional<AutoscalePolicy> policy(DesiredImage d) {
        Autoscale a = d.autoscale();
        if (a == null) {
            return Optional.empty();
        }
        // a Kubernetes autoscaler keeps at least one replica
        int min = Math.max(1, d.minReplicas());
        return Optional.of(new AutoscalePolicy(min, Math.max(min, d.maxReplicas()),
                (int) Math.max(1, Math.round(a.targetCpuPercent())), a.scaleUpWindow(), a.scaleDownWindow()));
    }

    /**
     * Makes the target's autoscaling of {@code workload} what {@code d} says.
     *
     * @return a description of what changed, empty when nothing did
     */
    static Optional<String> sync(Autoscaling target, String workload, DesiredImage d) {
        Optional<AutoscalePolicy> wanted = policy(d);
        Optional<AutoscalePolicy> current = target.autoscaling(workload);
        if (wanted.equals(current)) {
            return Optional.empty();
        }
        if (wanted.isEmpty()) {
            target.stopAutoscaling(workload);
            return Optional.of("autoscaling of " + workload + " stopped: its replica count is the desired one again");
        }
        AutoscalePolicy p = wanted.get();
        target.autoscale(workload, p);
        return Optional.of("autoscaling of " + workload + " by the target: " + p.minReplicas() + " to "
                + p.maxReplicas() + " replicas at " + p.targetCpuPercent() + " % CPU");
    }
}
