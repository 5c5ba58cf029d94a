package io.capstan.docker;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.EngineProvider;

/**
 * Docker and Podman engines, found as {@link EngineLocator} finds them: the engine named by {@code --engine},
 * {@code CAPSTAN_ENGINE} or {@code DOCKER_HOST} alone, else the Docker socket, then the Podman sockets.
 */
public final class DockerEngineProvider implements EngineProvider {
    /** Above a provider that would only fake an engine; Docker's API is what every other engine here speaks. */
    public static final int PRIORITY = 100;

    private final EngineLocator locator;

    /** For {@link java.util.ServiceLoader}: the process environment's engine. */
    public DockerEngineProvider() {
        this(EngineLocator.fromEnvironment());
    }

    public DockerEngineProvider(EngineLocator locator) {
        this.locator = locator;
    }

    /** Where this provider looks, for {@link EngineStarter}. */
    public EngineLocator locator() {
        return locator;
    }

    @Override
    public String name() {
        return "Docker";
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public ContainerEngine locate(String endpoint) {
        return locator.locate(endpoint);
    }
}
