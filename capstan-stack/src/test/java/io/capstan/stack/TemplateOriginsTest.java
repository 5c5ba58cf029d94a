package io.capstan.stack;

import io.capstan.core.error.ConfigException;
import io.capstan.stack.compose.ComposeLoader;
import io.capstan.stack.render.TemplateLines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Errors about a generated compose file's line also name the template and line it was rendered from. */
class TemplateOriginsTest {
    @TempDir
    Path dir;

    private static final String WEB_TEMPLATE = """
            {# the web service #}
            services:
              web:
                image: {{ service.image }}
                environment:
            {% for name in service.env %}
                  {{ name }}: "1"
            {% endfor %}
                ports:
                  - "{{ service.port }}"
            """;

    private TestProject project(String port) {
        return new TestProject(dir).rootTemplate()
                .file("config.yml", """
                        deployed_services: [web]
                        framework:
                          services:
                            web: {path: ./services/web, image: capstan-busybox:test, env: [A, B, C], port: '%s'}
                        """.formatted(port))
                .service("services/web", WEB_TEMPLATE);
    }

    @Test
    void aComposeValueErrorNamesTheGeneratedLineAndTheTemplateLine() {
        GeneratedStack stack = new StackGenerator(Map.of(), false).generate(project("80:abc").config());
        ConfigException error = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> new ComposeLoader(Map.of(), dir).load(stack.composeFiles(), "p"));
        // the loop renders three lines, so the generated line (14) and the template line (10) differ
        assertThat(stack.origins().explain(error.getMessage()))
                .startsWith("build/services/web/docker-compose.yml:14 (from services/web/docker-compose.yml.j2:10): ")
                .contains("80:abc");
    }

    @Test
    void renderedTextThatIsNotYamlFailsGenerationNamingBothFilesAndTheError() throws Exception {
        TestProject project = project("8080");
        new StackGenerator(Map.of(), false).generate(project.config());
        Map<String, String> before = TestProject.snapshot(dir.resolve("build"));
        project.service("services/web", WEB_TEMPLATE.replace("    image: {{ service.image }}",
                "    image: {{ service.image }}\n   bad: [unclosed"));

        assertThatThrownBy(() -> new StackGenerator(Map.of(), false).generate(project.config()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("build/services/web/docker-compose.yml:5:4 (from services/web/docker-compose.yml.j2:5): "
                        + "invalid YAML: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThat(TestProject.snapshot(dir.resolve("build"))).as("the previous build stays as it was").isEqualTo(before);
    }

    @Test
    void linesOfALoopBodyPointAtTheBodyAndLiteralLinesAtThemselves() {
        String template = "a:\n{% for x in xs %}\n  - {{ x }}\n{% endfor %}\nb: {{ y }}\nc: 1";
        String rendered = "a:\n\n  - one\n\n  - two\n\nb: 2\nc: 1";
        assertThat(new TemplateLines(template).map(rendered)).containsExactly(1, 2, 3, 4, 3, 4, 5, 6);
    }
}
