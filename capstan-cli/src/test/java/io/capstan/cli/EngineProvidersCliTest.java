package io.capstan.cli;

import io.capstan.core.engine.Engines;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** What the CLI says when no engine provider is installed: the engine comes only from core's entry point. */
class EngineProvidersCliTest {
    private record Run(int code, String err) {
    }

    private static Run runWithoutProviders(String... args) {
        StringWriter err = new StringWriter();
        try (Cli cli = new Cli(new PrintWriter(new StringWriter()), new PrintWriter(err, true), Engines.of())) {
            return new Run(Main.run(cli, args), err.toString());
        }
    }

    @Test
    void anEngineCommandSaysThatNoEngineSupportIsInstalled() {
        Run run = runWithoutProviders("engine", "info");

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err().strip()).startsWith("capstan: no container engine support is installed").doesNotContain("\n");
    }

    @Test
    void engineStartSaysItNeedsDockerSupport() {
        Run run = runWithoutProviders("engine", "start");

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("capstan: starting the local engine needs Docker support, which is not installed");
    }
}
