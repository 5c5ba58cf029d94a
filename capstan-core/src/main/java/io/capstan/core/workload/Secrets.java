package io.capstan.core.workload;

import java.util.List;
import java.util.Map;

/**
 * A target that stores secrets for workloads. Secrets cannot be changed in place: a new value is a new name.
 */
public interface Secrets {
    /** Stores {@code data} as {@code name} and returns its id; a name in use is a conflict. */
    String createSecret(String name, byte[] data, Map<String, String> labels);

    void removeSecret(String name);

    List<StoredObject> secrets(Map<String, String> labels);
}
