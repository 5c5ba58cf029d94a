package io.capstan.stack.run;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.error.ConflictException;
import io.capstan.core.error.NotFoundException;
import io.capstan.core.label.Labels;
import io.capstan.core.spec.NetworkSpec;
import io.capstan.core.spec.VolumeSpec;
import io.capstan.stack.compose.ComposeProject;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Makes sure the stack's networks and volumes exist before its containers are made: creates the missing ones with the
 * stack's labels, uses external ones, and refuses one of the same name that belongs to something else.
 */
final class NetworksAndVolumes {
    private final ContainerEngine engine;
    private final ComposeProject project;

    NetworksAndVolumes(ContainerEngine engine, ComposeProject project) {
        this.engine = engine;
        this.project = project;
    }

    void ensure(CreatedByUp created) {
        Map<String, String> labels = StackLabels.forStack(project.name());
        for (ComposeProject.Network network : project.networks().values()) {
            ensure("network", network.name(), network.external(), () -> engine.networks().inspect(network.name()).labels(),
                    () -> engine.networks().create(new NetworkSpec(network.name(), network.driver(),
                            merged(labels, network.labels()), network.internal(), network.driverOpts(), network.ipam(),
                            network.enableIpv6(), network.attachable())), created);
        }
        for (ComposeProject.Volume volume : project.volumes().values()) {
            ensure("volume", volume.name(), volume.external(), () -> engine.volumes().inspect(volume.name()).labels(),
                    () -> engine.volumes().create(new VolumeSpec(volume.name(), volume.driver(),
                            merged(labels, volume.labels()), volume.driverOpts())), created);
        }
    }

    private void ensure(String kind, String name, boolean external, Supplier<Map<String, String>> inspect,
                        Runnable create, CreatedByUp created) {
        Map<String, String> existing;
        try {
            existing = inspect.get();
        } catch (NotFoundException missing) {
            if (external) {
                throw new NotFoundException(kind, name, "external " + kind + " '" + name + "' does not exist: create it "
                        + "first, or drop 'external: true' to let Capstan create it", missing);
            }
            create.run();
            created.resource(kind, name);
            return;
        }
        if (!external && !project.name().equals(existing.get(Labels.STACK))) {
            throw new ConflictException(kind + " '" + name + "' already exists and does not belong to stack '"
                    + project.name() + "': mark it 'external: true' to use it, or give this stack's " + kind + " another name");
        }
    }

    /** The stack's own labels win over the ones the file sets. */
    private static Map<String, String> merged(Map<String, String> stack, Map<String, String> own) {
        Map<String, String> result = new LinkedHashMap<>(own);
        result.putAll(stack);
        return result;
    }
}
