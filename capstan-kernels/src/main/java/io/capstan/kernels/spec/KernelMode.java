package io.capstan.kernels.spec;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a kernel runs: a container on this engine, or a Swarm service of the swarm this engine manages. */
public enum KernelMode {
    CONTAINER, SWARM;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The mode named {@code word} (any case); anything else is refused naming the valid modes. */
    public static KernelMode parse(String word) {
        for (KernelMode mode : values()) {
            if (mode.word().equalsIgnoreCase(word.strip())) {
                return mode;
            }
        }
        throw new IllegalArgumentException("mode '" + word + "' is not one of "
                + Arrays.stream(values()).map(KernelMode::word).collect(Collectors.joining(", ")));
    }
}
