package io.capstan.core.spec;

import java.util.Map;

/** A named volume to create: {@code driver} is {@code local} when null; {@code driverOpts} go to the driver. */
public record VolumeSpec(String name, String driver, Map<String, String> labels, Map<String, String> driverOpts) {
    public VolumeSpec {
        driver = driver == null || driver.isBlank() ? "local" : driver;
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        driverOpts = driverOpts == null ? Map.of() : Map.copyOf(driverOpts);
    }

    public VolumeSpec(String name, String driver, Map<String, String> labels) {
        this(name, driver, labels, Map.of());
    }
}
