package io.capstan.core.spec;

import java.util.Map;

/** A named volume to create: {@code driver} is {@code local} when null. */
public record VolumeSpec(String name, String driver, Map<String, String> labels) {
    public VolumeSpec {
        driver = driver == null || driver.isBlank() ? "local" : driver;
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
