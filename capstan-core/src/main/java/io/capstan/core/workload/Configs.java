package io.capstan.core.workload;

import java.util.List;
import java.util.Map;

/** A target that stores configuration files for workloads. Configs cannot be changed in place either. */
public interface Configs {
    /** Stores {@code data} as {@code name} and returns its id; a name in use is a conflict. */
    String createConfig(String name, byte[] data, Map<String, String> labels);

    void removeConfig(String name);

    List<StoredObject> configs(Map<String, String> labels);
}
