package io.capstan.core.workload;

import io.capstan.core.spec.Resources;

/**
 * What each replica may use at most ({@code limits}) and what a node must have free to run one
 * ({@code reservations}); {@link Resources#UNLIMITED} for none.
 */
public record WorkloadResources(Resources limits, Resources reservations) {
    public static final WorkloadResources NONE = new WorkloadResources(Resources.UNLIMITED, Resources.UNLIMITED);

    public WorkloadResources {
        limits = limits == null ? Resources.UNLIMITED : limits;
        reservations = reservations == null ? Resources.UNLIMITED : reservations;
    }
}
