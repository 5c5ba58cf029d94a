package io.capstan.core.engine;

/**
 * One kind of engine Capstan can find and connect to. Backends register theirs with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.capstan.core.engine.EngineProvider}); {@link Engines} asks them, highest priority
 * first, and the first whose engine answers wins.
 */
public interface EngineProvider {
    /** How messages name it: {@code Docker}. */
    String name();

    /** Asked before providers with a lower one. */
    int priority();

    /**
     * Connects to an engine that answers.
     *
     * @param endpoint the engine the user named ({@code --engine}), or null to find one as this provider does
     * @throws io.capstan.core.error.CapstanException one line saying where it looked and why none answered
     */
    ContainerEngine locate(String endpoint);
}
