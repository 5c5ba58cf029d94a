package io.capstan.core.spec;

import java.util.Map;

/** A network to create: {@code driver} is {@code bridge} when null; {@code internal} cuts it off from outside. */
public record NetworkSpec(String name, String driver, Map<String, String> labels, boolean internal) {
    public NetworkSpec {
        driver = driver == null || driver.isBlank() ? "bridge" : driver;
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    public static NetworkSpec bridge(String name, Map<String, String> labels) {
        return new NetworkSpec(name, "bridge", labels, false);
    }
}
