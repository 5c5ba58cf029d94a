package io.capstan.core.workload;

import java.util.Optional;

/**
 * A target that scales a workload by itself from its replicas' CPU use (Kubernetes: a HorizontalPodAutoscaler). While
 * a workload is autoscaled its replica count is the target's to set: whoever asked for it must not scale it as well.
 */
public interface Autoscaling {

    /** Starts autoscaling the workload {@code name} as {@code policy} says, or changes how it is autoscaled. */
    void autoscale(String name, AutoscalePolicy policy);

    /** Stops autoscaling the workload; its replica count stays as it is. Nothing happens when it was not autoscaled. */
    void stopAutoscaling(String name);

    /** How the workload is autoscaled now, empty when it is not. */
    Optional<AutoscalePolicy> autoscaling(String name);
}
