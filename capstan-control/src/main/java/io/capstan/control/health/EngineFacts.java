package io.capstan.control.health;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.error.CapstanException;
import io.capstan.core.model.EngineInfo;
import io.capstan.core.model.ImageInfo;

import java.time.Instant;
import java.util.List;

/**
 * What the engine says about itself and which images it holds, read when the control plane starts and after every
 * health cycle, so that reads of the API answer from here and never call the engine themselves.
 */
public final class EngineFacts {
    /**
     * The last reading.
     *
     * @param info   what the engine said about itself, or null if it never answered
     * @param images its images at the last reading that succeeded
     * @param error  why the last reading failed, or null when it succeeded
     * @param at     when it was taken
     */
    public record Reading(EngineInfo info, List<ImageInfo> images, String error, Instant at) {
    }

    private final ContainerEngine engine;
    private volatile Reading last = new Reading(null, List.of(), "not read yet", null);

    public EngineFacts(ContainerEngine engine) {
        this.engine = engine;
    }

    /** Reads the engine again; a failure keeps what was known, with the reason beside it. */
    public void refresh() {
        Reading before = last;
        try {
            last = new Reading(engine.info(), List.copyOf(engine.images().list()), null, Instant.now());
        } catch (CapstanException e) {
            last = new Reading(before.info(), before.images(), e.getMessage(), Instant.now());
        }
    }

    public Reading last() {
        return last;
    }
}
