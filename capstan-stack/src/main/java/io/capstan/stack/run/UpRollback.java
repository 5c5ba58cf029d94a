package io.capstan.stack.run;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.text.Counted;

import java.time.Duration;

/** {@code up --rollback}: removes what a failed {@code up} created, and only that; what it found stays. */
final class UpRollback {
    private final ContainerEngine engine;

    UpRollback(ContainerEngine engine) {
        this.engine = engine;
    }

    /** Removes the containers {@code up} created (and their anonymous volumes), then its networks and volumes. */
    void rollBack(CreatedByUp created) {
        new ContainerRemoval(engine, true).remove(created.containerIds(), Duration.ZERO);
        created.named("network").forEach(new ProjectResources(engine)::removeNetwork);
        created.named("volume").forEach(name -> NotFoundIgnored.run(() -> engine.volumes().remove(name)));
    }

    /** What {@link #rollBack} removed, counted: {@code 2 containers, 1 network}. */
    static String summary(CreatedByUp created) {
        int networks = created.named("network").size();
        int volumes = created.named("volume").size();
        return Counted.of(created.containerIds().size(), "container")
                + (networks > 0 ? ", " + Counted.of(networks, "network") : "")
                + (volumes > 0 ? ", " + Counted.of(volumes, "volume") : "");
    }
}
