package io.capstan.core.workload;

import java.time.Duration;

/**
 * How a target scales a workload from its CPU use.
 *
 * @param minReplicas      never fewer replicas (at least 1)
 * @param maxReplicas      never more replicas (at least {@code minReplicas})
 * @param targetCpuPercent the average CPU use, in percent of what each replica may use, to hold
 * @param scaleUpWindow    how long a lower count keeps being wanted before scaling up past it
 * @param scaleDownWindow  how long a higher count keeps being wanted before scaling down below it
 */
public record AutoscalePolicy(int minReplicas, int maxReplicas, int targetCpuPercent, Duration scaleUpWindow,
                              Duration scaleDownWindow) {
    public AutoscalePolicy {
        if (minReplicas < 1 || maxReplicas < minReplicas || targetCpuPercent < 1) {
            throw new IllegalArgumentException("expected 1 <= minReplicas <= maxReplicas and a CPU target of at least "
                    + "1 %, got " + minReplicas + ".." + maxReplicas + " at " + targetCpuPercent + " %");
        }
        scaleUpWindow = scaleUpWindow == null ? Duration.ZERO : scaleUpWindow;
        scaleDownWindow = scaleDownWindow == null ? Duration.ZERO : scaleDownWindow;
    }
}
