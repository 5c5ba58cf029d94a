package io.capstan.core.model;

import java.util.Map;

/** A named volume; for volumes the name is the id. */
public record VolumeInfo(String name, String driver, String mountpoint, Map<String, String> labels) {
    public VolumeInfo {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    public String id() {
        return name;
    }
}
