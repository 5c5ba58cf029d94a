package io.capstan.stack.run;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.error.NotFoundException;
import io.capstan.stack.compose.ComposeProject;

/** Checks, before {@code up} creates anything, that every {@code network_mode: container:NAME} container exists. */
final class NetworkModeTargets {
    private NetworkModeTargets() {
    }

    static void check(ContainerEngine engine, ComposeProject project) {
        for (ComposeProject.Service service : project.services().values()) {
            String mode = service.networkMode();
            if (mode == null || !mode.startsWith("container:")) {
                continue;
            }
            String container = mode.substring("container:".length());
            try {
                engine.containers().inspect(container);
            } catch (NotFoundException missing) {
                throw new NotFoundException("container", container, service.location() + ": service '" + service.name()
                        + "' uses the network stack of container '" + container + "', which does not exist: start it first",
                        missing);
            }
        }
    }
}
