package io.capstan.core.model;

import java.util.Locale;

/** The lifecycle state of a container, as engines report it. */
public enum ContainerStatus {
    CREATED, RUNNING, PAUSED, RESTARTING, REMOVING, EXITED, DEAD, UNKNOWN;

    public static ContainerStatus of(String engineState) {
        if (engineState == null) {
            return UNKNOWN;
        }
        try {
            return valueOf(engineState.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
    }

    /** The engine's lower-case word: {@code running}, {@code exited}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return word();
    }
}
