package io.capstan.control.replicas;

import io.capstan.control.managed.InvalidRequestException;
import io.capstan.control.managed.ResourceLimits;
import io.capstan.core.model.EngineInfo;
import io.capstan.core.resource.ResourceQuantities;
import io.capstan.core.text.Counted;

/**
 * Whether one host can give what a request's limits ask, judged before anything is stored or changed: CPU within the
 * host's CPUs, memory at least the engine's minimum and, times the replicas that must run, within the host's memory.
 */
final class HostCapacity {
    /** The engine refuses a smaller memory limit. */
    static final long MINIMUM_MEMORY = 6L << 20;

    private HostCapacity() {
    }

    /**
     * @param replicas how many replicas must get the memory at once (at least one)
     * @param field    where the limits are in the request ({@code resources}, or {@code body} for a bare object)
     */
    static void check(EngineInfo host, ResourceLimits limits, int replicas, String field) {
        String prefix = field + ".";
        if (limits.nanoCpus() != null) {
            if (limits.nanoCpus() <= 0) {
                throw new InvalidRequestException(prefix + "cpu_limit", "expected more than 0 CPUs, such as \"0.5\"");
            }
            if (host.cpus() > 0 && limits.nanoCpus() > host.cpus() * 1_000_000_000L) {
                throw new InvalidRequestException(prefix + "cpu_limit", "the host has " + host.cpus() + " CPUs, "
                        + ResourceQuantities.formatCpu(limits.nanoCpus()) + " asked for one replica");
            }
        }
        if (limits.memoryBytes() != null) {
            if (limits.memoryBytes() < MINIMUM_MEMORY) {
                throw new InvalidRequestException(prefix + "memory_limit", "the engine needs at least 6 MiB, "
                        + limits.memoryBytes() + " bytes asked");
            }
            int n = Math.max(1, replicas);
            long total = limits.memoryBytes() * n;
            if (host.memoryBytes() > 0 && total > host.memoryBytes()) {
                throw new InvalidRequestException(prefix + "memory_limit", "the host has " + mib(host.memoryBytes())
                        + " of memory; " + Counted.of(n, "replica") + " of " + mib(limits.memoryBytes()) + " need " + mib(total));
            }
        }
    }

    private static String mib(long bytes) {
        return (bytes >> 20) + " MiB";
    }
}
