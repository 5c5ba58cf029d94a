package io.capstan.core.spec;

import io.capstan.core.resource.ResourceQuantities;

/**
 * CPU and memory limits. {@code 0} means "no limit" for either.
 *
 * @param nanoCpus    CPUs in billionths (Docker's {@code NanoCpus}); 500_000_000 is half a CPU
 * @param memoryBytes memory limit in bytes
 */
public record Resources(long nanoCpus, long memoryBytes) {
    public static final Resources UNLIMITED = new Resources(0, 0);

    public Resources {
        if (nanoCpus < 0 || memoryBytes < 0) {
            throw new IllegalArgumentException("resource limits cannot be negative");
        }
    }

    /** Parses the user's strings; either may be null or blank for "no limit". */
    public static Resources parse(String cpus, String memory) {
        long cpu = cpus == null || cpus.isBlank() ? 0 : ResourceQuantities.parseCpu(cpus);
        long mem = memory == null || memory.isBlank() ? 0 : ResourceQuantities.parseMemory(memory);
        return new Resources(cpu, mem);
    }

    public boolean isUnlimited() {
        return nanoCpus == 0 && memoryBytes == 0;
    }
}
