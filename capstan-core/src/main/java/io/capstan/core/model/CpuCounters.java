package io.capstan.core.model;

import java.util.OptionalDouble;

/**
 * A container's CPU counters at one moment: the CPU time it has used and the host's, both in nanoseconds. Two
 * readings give its CPU use over the time between them, the way {@code docker stats} computes it from two.
 */
public record CpuCounters(long containerNanos, long systemNanos, int onlineCpus) {
    /**
     * CPU use between {@code earlier} and this reading, where 100 is one full CPU; empty when the counters did not
     * move forward (the container restarted, or no time passed).
     */
    public OptionalDouble percentSince(CpuCounters earlier) {
        long used = containerNanos - earlier.containerNanos;
        long elapsed = systemNanos - earlier.systemNanos;
        if (used < 0 || elapsed <= 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of((double) used / elapsed * Math.max(onlineCpus, 1) * 100.0);
    }
}
