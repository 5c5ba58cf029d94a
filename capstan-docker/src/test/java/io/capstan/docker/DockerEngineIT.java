package io.capstan.docker;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.tck.ContainerEngineContract;
import io.capstan.tck.ImageContract;
import io.capstan.tck.LiveResourceUpdateContract;
import io.capstan.tck.NetworkAliasesContract;
import io.capstan.tck.OneShotStatsContract;
import io.capstan.tck.RootfsImportContract;
import io.capstan.tck.RunningContainersContract;
import io.capstan.tck.WritableLayerSizesContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;

/**
 * Every engine contract suite against the real Docker engine the test command started: the base, the running
 * containers and images suites, and one suite per capability (Docker offers them all).
 */
class DockerEngineIT {

    private static ContainerEngine docker() {
        return EngineLocator.fromEnvironment().locate(null);
    }

    @Nested
    class Base extends ContainerEngineContract {
        @Override
        protected ContainerEngine createEngine() {
            return docker();
        }
    }

    @Nested
    class RunningContainers extends RunningContainersContract {
        @Override
        protected ContainerEngine createEngine() {
            return docker();
        }
    }

    @Nested
    class Images extends ImageContract {
        private LocalRegistry registry;

        @Override
        protected ContainerEngine createEngine() {
            return docker();
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

    @Nested
    class Stats extends OneShotStatsContract {
        @Override
        protected ContainerEngine createEngine() {
            return docker();
        }
    }

    @Nested
    class LayerSizes extends WritableLayerSizesContract {
        @Override
        protected ContainerEngine createEngine() {
            return docker();
        }
    }

    @Nested
    class Import extends RootfsImportContract {
        @Override
        protected ContainerEngine createEngine() {
            return docker();
        }
    }

    @Nested
    class Aliases extends NetworkAliasesContract {
        @Override
        protected ContainerEngine createEngine() {
            return docker();
        }
    }

    @Nested
    class LiveUpdate extends LiveResourceUpdateContract {
        @Override
        protected ContainerEngine createEngine() {
            return docker();
        }
    }
}
