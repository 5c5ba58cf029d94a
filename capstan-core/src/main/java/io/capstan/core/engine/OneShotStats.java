package io.capstan.core.engine;

import io.capstan.core.model.ContainerStats;
import io.capstan.core.model.CpuCounters;

/** A capability: samples of a container's resource use, each asked for once. */
public interface OneShotStats {

    /** One resource-usage sample (a running container; a stopped one reports zeros). */
    ContainerStats stats(String ref);

    /**
     * A sample whose CPU use covers the time since {@code earlier} (a previous sample's {@link ContainerStats#cpu()}),
     * from one reading of the engine rather than two: for callers that sample periodically. Without a usable earlier
     * reading (null, or the container restarted since) it is {@link #stats(String)}.
     */
    ContainerStats statsSince(String ref, CpuCounters earlier);
}
