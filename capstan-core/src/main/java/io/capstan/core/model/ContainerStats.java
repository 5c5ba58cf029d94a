package io.capstan.core.model;

/**
 * One resource-usage sample of a running container, computed the way {@code docker stats} does.
 *
 * @param cpuPercent    CPU use, where 100 is one full CPU
 * @param memoryUsage   bytes in use (page cache excluded)
 * @param memoryLimit   the limit in bytes (the host's memory when the container has none)
 * @param memoryPercent usage as a percentage of the limit
 * @param cpu           the CPU counters this sample was read at, for the next {@code statsSince}
 */
public record ContainerStats(String containerId, double cpuPercent, long memoryUsage, long memoryLimit,
                             double memoryPercent, long networkRx, long networkTx, long blockRead, long blockWrite,
                             long pids, CpuCounters cpu) {
}
