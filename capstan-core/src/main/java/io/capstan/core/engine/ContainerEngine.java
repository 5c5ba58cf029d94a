package io.capstan.core.engine;

import io.capstan.core.error.EngineException;
import io.capstan.core.model.EngineEvent;
import io.capstan.core.model.EngineInfo;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * The backend SPI: one engine (Docker, Podman, ...) seen through immutable records. The stack engine and
 * the control plane talk only to this. Every method reports failures as
 * {@link io.capstan.core.error.CapstanException}s with a message for a person. What only some engines can do
 * ({@link OneShotStats}, {@link WritableLayerSizes}, {@link RootfsImport}, {@link NetworkAliases},
 * {@link LiveResourceUpdate}) is a capability, asked for with {@link #capability(Class)}.
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

    /** The engine's name for people, as error messages give it: its endpoint, say. */
    default String describe() {
        return "in use";
    }

    /** An optional capability if this engine offers it. */
    default <T> Optional<T> capability(Class<T> type) {
        return Optional.empty();
    }

    /**
     * The capability, or an {@link EngineException} saying in one line that this engine cannot do {@code what}
     * (such as {@code "import a root filesystem"}).
     */
    default <T> T require(Class<T> type, String what) {
        return capability(type).orElseThrow(() -> new EngineException("engine " + describe() + " cannot " + what));
    }

    @Override
    void close();
}
