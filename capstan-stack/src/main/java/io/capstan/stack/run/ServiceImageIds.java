package io.capstan.stack.run;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.error.NotFoundException;
import io.capstan.stack.compose.ComposeProject;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The engine's ids of the services' images, part of each container's config hash so a rebuilt image recreates. */
final class ServiceImageIds {
    private ServiceImageIds() {
    }

    /**
     * Ids by service, of {@code services} only; a missing image is an error naming the service when it has no
     * {@code build:} or {@code mustExist}, else an empty id (it will be built: the service counts as changed).
     */
    static Map<String, String> of(ContainerEngine engine, ComposeProject project, boolean mustExist, Set<String> services) {
        Map<String, String> ids = new LinkedHashMap<>();
        Map<String, String> byImage = new HashMap<>(); // services often share an image: ask once
        for (ComposeProject.Service service : project.services().values()) {
            if (!services.contains(service.name())) {
                continue;
            }
            try {
                String image = service.image();
                ids.put(service.name(), byImage.containsKey(image) ? byImage.get(image)
                        : byImage.computeIfAbsent(image, i -> engine.images().inspect(i).id()));
            } catch (NotFoundException missing) {
                if (service.build() == null || mustExist) {
                    throw new NotFoundException("image", service.image(), service.location() + ": service '" + service.name()
                            + "' uses image '" + service.image() + "', which is not on the engine and has no build: "
                            + "build, import or pull it first", missing);
                }
                ids.put(service.name(), "");
            }
        }
        return ids;
    }
}
