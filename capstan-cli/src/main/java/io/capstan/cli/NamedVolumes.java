package io.capstan.cli;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.error.NotFoundException;
import io.capstan.core.label.Labels;
import io.capstan.core.spec.ContainerSpec;
import io.capstan.core.spec.Mount;
import io.capstan.core.spec.VolumeSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * The named volumes a container mounts that do not exist yet, created as Capstan's before the container is: the
 * engine would create them unlabelled, and Capstan then refuses to remove what it made.
 */
final class NamedVolumes {
    private NamedVolumes() {
    }

    /** Creates the missing ones; returns their names, so that a container that fails to start takes them along. */
    static List<String> createMissing(ContainerEngine engine, ContainerSpec spec) {
        List<String> created = new ArrayList<>();
        for (Mount mount : spec.mounts()) {
            if (mount.type() != Mount.Type.VOLUME || mount.source() == null || mount.source().isBlank()) {
                continue;
            }
            try {
                engine.volumes().inspect(mount.source());
            } catch (NotFoundException missing) {
                engine.volumes().create(new VolumeSpec(mount.source(), null, Labels.owned()));
                created.add(mount.source());
            }
        }
        return created;
    }

    static void remove(ContainerEngine engine, List<String> names) {
        for (String name : names) {
            try {
                engine.volumes().remove(name);
            } catch (NotFoundException gone) {
                // nothing to undo
            }
        }
    }
}
