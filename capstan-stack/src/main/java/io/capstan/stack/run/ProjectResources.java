package io.capstan.stack.run;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.error.ConflictException;
import io.capstan.core.error.EngineException;
import io.capstan.core.error.NotFoundException;

import java.time.Duration;
import java.util.Map;

/** Removes what a stack has besides containers: its networks, and when asked its volumes (found by label). */
public final class ProjectResources {
    /**
     * The engine can report a network as still in use for a while after its last container was removed (Docker
     * 20.10 releases endpoints in the background, seconds later on a loaded machine).
     */
    private static final Duration RELEASE = Duration.ofSeconds(10);

    private final ContainerEngine engine;

    public ProjectResources(ContainerEngine engine) {
        this.engine = engine;
    }

    /** Removes the networks (and with {@code volumes} the volumes) stack {@code project} created. */
    public void remove(String project, boolean volumes) {
        Map<String, String> labels = StackLabels.filter(project);
        for (var network : engine.networks().list(labels)) {
            try {
                removeNetwork(network.id());
            } catch (ConflictException inUse) {
                // by now none of the stack's containers is left: what holds the network is not the stack's
                throw new ConflictException("network '" + network.name() + "' of stack '" + project + "' is still in use"
                        + " after the stack's containers were removed: disconnect what `docker network inspect "
                        + network.name() + "` lists and run down again (if it lists nothing, the engine holds a stale"
                        + " endpoint that only its restart clears)", inUse);
            }
        }
        if (volumes) {
            for (var volume : engine.volumes().list(labels)) {
                ignoringNotFound(() -> engine.volumes().remove(volume.name()));
            }
        }
    }

    /** Removes one network, waiting for the engine to release it; one that is gone counts as removed. */
    public void removeNetwork(String id) {
        long deadline = System.nanoTime() + RELEASE.toNanos();
        while (true) {
            try {
                ignoringNotFound(() -> engine.networks().remove(id));
                return;
            } catch (ConflictException stillInUse) {
                if (System.nanoTime() > deadline) {
                    throw stillInUse;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new EngineException("interrupted", e);
                }
            }
        }
    }

    private static void ignoringNotFound(Runnable action) {
        try {
            action.run();
        } catch (NotFoundException gone) {
            // already removed: that is what was wanted
        }
    }
}
