package io.capstan.core.engine;

import io.capstan.core.model.VolumeInfo;
import io.capstan.core.spec.VolumeSpec;

import java.util.List;
import java.util.Map;

public interface VolumeOperations {

    VolumeInfo create(VolumeSpec spec);

    /** Removes a volume; one still used by a container is a {@link io.capstan.core.error.ConflictException}. */
    void remove(String name);

    /** Volumes carrying every one of {@code labels} (all volumes when empty). */
    List<VolumeInfo> list(Map<String, String> labels);

    VolumeInfo inspect(String name);
}
