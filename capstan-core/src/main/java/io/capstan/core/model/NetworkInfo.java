package io.capstan.core.model;

import java.util.Map;

public record NetworkInfo(String id, String name, String driver, String scope, boolean internal,
                          Map<String, String> labels) {
    public NetworkInfo {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
