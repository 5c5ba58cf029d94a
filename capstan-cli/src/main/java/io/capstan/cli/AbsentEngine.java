package io.capstan.cli;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.ContainerOperations;
import io.capstan.core.model.EngineEvent;
import io.capstan.core.model.EngineInfo;
import io.capstan.core.engine.EventFilter;
import io.capstan.core.engine.ImageOperations;
import io.capstan.core.engine.NetworkOperations;
import io.capstan.core.engine.Subscription;
import io.capstan.core.engine.VolumeOperations;
import io.capstan.core.error.EngineUnavailableException;

import java.lang.reflect.Proxy;
import java.util.function.Consumer;

/**
 * The engine of a server whose desired images run elsewhere (on Kubernetes) when no Docker engine answers: every
 * call is the one line saying so, which the API answers with, so the server runs without one.
 */
final class AbsentEngine implements ContainerEngine {
    private final String why;

    AbsentEngine(String why) {
        this.why = why;
    }

    private EngineUnavailableException absent() {
        return new EngineUnavailableException("no Docker engine: this server runs desired images on Kubernetes and "
                + "reached no engine at its start (" + why + "), so what only an engine serves (usage samples, "
                + "container logs, exec, images) is not available");
    }

    private <T> T operations(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (proxy, method, args) -> {
            return switch (method.getName()) {
                case "toString" -> "no engine";
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> throw absent();
            };
        }));
    }

    @Override
    public EngineInfo info() {
        throw absent();
    }

    @Override
    public ContainerOperations containers() {
        return operations(ContainerOperations.class);
    }

    @Override
    public ImageOperations images() {
        return operations(ImageOperations.class);
    }

    @Override
    public NetworkOperations networks() {
        return operations(NetworkOperations.class);
    }

    @Override
    public VolumeOperations volumes() {
        return operations(VolumeOperations.class);
    }

    @Override
    public Subscription events(EventFilter filter, Consumer<EngineEvent> listener) {
        throw absent();
    }

    @Override
    public String describe() {
        return "none (" + why + ")";
    }

    @Override
    public void close() {
    }
}
