package io.capstan.stack.run;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.error.CapstanException;
import io.capstan.core.error.EngineException;
import io.capstan.core.error.NotFoundException;
import io.capstan.stack.compose.ComposeProject;
import io.capstan.stack.compose.ComposeProject.PullPolicy;

/**
 * Carries out each service's {@code pull_policy} before {@code up} builds: {@code always} pulls,
 * {@code missing} pulls an image that is not on the engine (unless the service builds it), {@code never} fails
 * when it is missing. Without a policy nothing is pulled ({@code build} is the builder's business).
 */
final class ImagePulls {
    private ImagePulls() {
    }

    static void apply(ContainerEngine engine, ComposeProject project, StackProgress progress) {
        for (ComposeProject.Service service : project.services().values()) {
            PullPolicy policy = service.pullPolicy();
            boolean pull = switch (policy) {
                case ALWAYS -> true;
                case MISSING -> service.build() == null && !exists(engine, service.image());
                case NEVER -> {
                    if (!exists(engine, service.image())) {
                        throw new NotFoundException("image", service.image(), service.location() + ": service '"
                                + service.name() + "' has pull_policy never and its image '" + service.image()
                                + "' is not on the engine: build, import or pull it first", null);
                    }
                    yield false;
                }
                case DEFAULT, BUILD -> false;
            };
            if (pull) {
                progress.update(service.name(), "pulling", service.image());
                try {
                    engine.images().pull(service.image(), line -> { });
                } catch (CapstanException e) {
                    progress.update(service.name(), "failed", e.getMessage());
                    throw new EngineException(service.location() + ": service '" + service.name() + "' (pull_policy "
                            + policy.name().toLowerCase(java.util.Locale.ROOT) + "): pulling " + service.image()
                            + " failed: " + e.getMessage(), e);
                }
            }
        }
    }

    private static boolean exists(ContainerEngine engine, String image) {
        try {
            engine.images().inspect(image);
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }
}
