package io.capstan.control.replicas;

import io.capstan.control.managed.Outcome;

import java.util.List;

/**
 * What a request did to an image's containers, one outcome each, and the image's desired replica count after it.
 *
 * @param desiredReplicas the count the reconciler now holds, null when the image has no desired state
 */
public record ReplicaChange(List<Outcome> outcomes, Integer desiredReplicas) {
    public ReplicaChange {
        outcomes = List.copyOf(outcomes);
    }

    public boolean ok() {
        return outcomes.stream().allMatch(Outcome::ok);
    }
}
