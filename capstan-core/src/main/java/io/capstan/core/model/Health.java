package io.capstan.core.model;

import java.util.Locale;

/** The result of a container's healthcheck; {@link #NONE} when it has none. */
public enum Health {
    NONE, STARTING, HEALTHY, UNHEALTHY;

    public static Health of(String engineHealth) {
        if (engineHealth == null || engineHealth.isBlank()) {
            return NONE;
        }
        try {
            return valueOf(engineHealth.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return NONE;
        }
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return word();
    }
}
