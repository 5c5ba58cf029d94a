package io.capstan.docker;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.tck.ContainerEngineContract;
import org.junit.jupiter.api.AfterAll;

/** The engine contract against the real Docker engine the test command started. */
class DockerEngineIT extends ContainerEngineContract {
    private LocalRegistry registry;

    @Override
    protected ContainerEngine createEngine() {
        return EngineLocator.fromEnvironment().locate(null);
    }

    @Override
    protected String registry() {
        try {
            if (registry == null) {
                registry = LocalRegistry.start();
            }
            return registry.address();
        } catch (Exception e) {
            throw new IllegalStateException("could not start the local registry: " + e.getMessage(), e);
        }
    }

    @AfterAll
    void stopRegistry() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }
}
