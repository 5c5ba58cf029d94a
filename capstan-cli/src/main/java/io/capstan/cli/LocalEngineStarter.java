package io.capstan.cli;

import io.capstan.core.error.EngineUnavailableException;
import io.capstan.docker.DockerEngineProvider;
import io.capstan.docker.EngineStarter;

/** The local Docker engine's starter, looking where this invocation's Docker provider looks. */
final class LocalEngineStarter {
    private LocalEngineStarter() {
    }

    static EngineStarter of(Cli cli) {
        return cli.engines().provider(DockerEngineProvider.class)
                .map(docker -> new EngineStarter(docker.locator()))
                .orElseThrow(() -> new EngineUnavailableException(
                        "starting the local engine needs Docker support, which is not installed"));
    }
}
