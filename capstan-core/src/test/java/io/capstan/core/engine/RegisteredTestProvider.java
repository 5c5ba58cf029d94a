package io.capstan.core.engine;

/** Registered in this module's test resources, to show that {@link Engines#discover()} finds providers. */
public final class RegisteredTestProvider implements EngineProvider {
    @Override
    public String name() {
        return "registered";
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public ContainerEngine locate(String endpoint) {
        return EnginesTest.engineNamed("registered");
    }
}
