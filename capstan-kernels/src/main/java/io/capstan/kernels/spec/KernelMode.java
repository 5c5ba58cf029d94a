package io.capstan.kernels.spec;

import java.util.Locale;

/** How a kernel runs: a container on this engine, or (not yet) a Swarm service. */
public enum KernelMode {
    CONTAINER, SWARM;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
