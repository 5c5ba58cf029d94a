package io.capstan.core.engine;

import io.capstan.core.model.EngineEvent;
import io.capstan.core.model.EngineInfo;

import java.util.function.Consumer;

/**
 * The backend SPI: one engine (Docker, Podman, ...) seen through immutable records. The stack engine and
 * the control plane talk only to this. Every method reports failures as
 * {@link io.capstan.core.error.CapstanException}s with a message for a person.
 */
public interface ContainerEngine extends AutoCloseable {

    /** What the engine says about itself; also the cheapest way to find out whether it answers. */
    EngineInfo info();

    ContainerOperations containers();

    ImageOperations images();

    NetworkOperations networks();

    VolumeOperations volumes();

    /**
     * Streams engine events matching {@code filter} to {@code listener} until the subscription is closed or the
     * engine goes away. Returns once the engine has accepted the subscription, so an action taken after this
     * call returns is seen.
     */
    Subscription events(EventFilter filter, Consumer<EngineEvent> listener);

    @Override
    void close();
}
