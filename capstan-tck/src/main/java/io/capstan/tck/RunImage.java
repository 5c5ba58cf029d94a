package io.capstan.tck;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.ContainerFilter;
import io.capstan.core.label.Labels;

import java.util.Map;
import java.util.UUID;

/**
 * A tag of a local test image that only this test run uses. The control plane labels each container it makes with
 * the image it was asked for, so a test that asks for its own tag can remove exactly what it made, and leaves the
 * managed containers of other users and other tests on a shared engine alone.
 *
 * @param source the local image the tag points at
 * @param ref    the run's own {@code repository:tag}
 */
public record RunImage(String source, String ref) {

    /** A fresh name for a tag of {@code source}; nothing is created until {@link #tag}. */
    public static RunImage of(String source) {
        int colon = source.lastIndexOf(':');
        String repository = colon > source.lastIndexOf('/') ? source.substring(0, colon) : source;
        return new RunImage(source, repository + "-run-" + UUID.randomUUID().toString().substring(0, 8) + ":test");
    }

    public void tag(ContainerEngine engine) {
        engine.images().tag(source, ref);
    }

    /** Removes this run's managed containers and its tag (the source image stays). */
    public void remove(ContainerEngine engine) {
        removeManaged(engine, ref);
        if (engine.images().list().stream().anyMatch(image -> image.repoTags().contains(ref))) {
            engine.images().remove(ref, false);
        }
    }

    /** Removes the managed containers of exactly {@code image}: those the control plane made when asked for it. */
    public static void removeManaged(ContainerEngine engine, String image) {
        engine.containers().list(ContainerFilter.allWithLabels(Map.of(Labels.OWNER, "true", Labels.MANAGED_BY, image)))
                .forEach(c -> engine.containers().remove(c.id(), true, true));
    }
}
