package io.capstan.stack;

import io.capstan.stack.compose.ComposeLoader;
import io.capstan.stack.compose.ComposeProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A misspelt variable used in the config and in compose templates is one warning naming every place it is used. */
class UnsetVariableWarningTest {
    @TempDir
    Path dir;

    @Test
    void aVariableUnsetInTheConfigAndTheComposeFilesIsOneWarning() {
        TestProject project = new TestProject(dir).rootTemplate()
                .file("config.yml", """
                        deployed_services: [web]
                        framework:
                          services:
                            web:
                              path: ./services/web
                              greeting: ${GRETING}
                        """)
                .service("services/web", """
                        services:
                          web:
                            image: capstan-busybox:test
                            environment:
                              GREETING: "{{ service.greeting }}"
                              OTHER: "${GRETING}"
                        """);
        GeneratedStack stack = new StackGenerator(Map.of(), false).generate(project.config());
        ComposeProject compose = new ComposeLoader(stack.config().environment(), stack.config().projectDir())
                .withUnsetVariables(stack.config().unset()).load(stack.composeFiles(), "p");

        assertThat(stack.warnings()).noneMatch(w -> w.contains("GRETING"));
        assertThat(compose.warnings()).filteredOn(w -> w.contains("GRETING")).containsExactly(
                "variable GRETING is not set and has no default (used at config.yml:6 and 2 more); using an empty string");
    }
}
