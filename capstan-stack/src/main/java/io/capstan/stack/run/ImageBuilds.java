package io.capstan.stack.run;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.error.CapstanException;
import io.capstan.core.error.EngineException;
import io.capstan.core.error.NotFoundException;
import io.capstan.core.spec.ImageBuild;
import io.capstan.stack.compose.ComposeProject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds the images of services with {@code build:}, labelled as the stack's, and removes them for {@code clean}. */
final class ImageBuilds {
    private final ContainerEngine engine;
    private final ComposeProject project;
    private final StackProgress progress;

    ImageBuilds(ContainerEngine engine, ComposeProject project, StackProgress progress) {
        this.engine = engine;
        this.project = project;
        this.progress = progress;
    }

    /** Builds the images of {@code services} with {@code build:} that are missing ({@code force}: all of them). */
    void build(boolean force, Set<String> services) {
        for (ComposeProject.Service service : project.services().values()) {
            if (service.build() == null || !services.contains(service.name())) {
                continue;
            }
            if (!force && service.pullPolicy() != ComposeProject.PullPolicy.BUILD && exists(service.image())) {
                continue;
            }
            progress.update(service.name(), "building", service.image());
            ComposeProject.Build b = service.build();
            Map<String, String> labels = new LinkedHashMap<>(b.labels());
            labels.putAll(StackLabels.forBuiltImage(project.name(), service.name()));
            List<String> tags = new ArrayList<>(List.of(service.image()));
            b.tags().stream().filter(t -> !tags.contains(t)).forEach(tags::add);
            try {
                engine.images().build(new ImageBuild(b.context(), b.dockerfile(), tags, b.args(), b.target(), labels,
                        b.options()), line -> { });
            } catch (CapstanException e) {
                progress.update(service.name(), "failed", e.getMessage());
                throw new EngineException("service '" + service.name() + "': building " + service.image() + " failed: "
                        + e.getMessage(), e);
            }
        }
    }

    /** Removes the images the stack's {@code build:} sections made. */
    void removeBuilt() {
        for (ComposeProject.Service service : project.services().values()) {
            if (service.build() != null) {
                NotFoundIgnored.run(() -> engine.images().remove(service.image(), true));
                progress.update(service.name(), "image removed", service.image());
            }
        }
    }

    private boolean exists(String image) {
        try {
            engine.images().inspect(image);
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }
}
