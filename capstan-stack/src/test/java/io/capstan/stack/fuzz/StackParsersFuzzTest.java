package io.capstan.stack.fuzz;

import io.capstan.core.error.ConfigException;
import io.capstan.stack.compose.ComposeLoader;
import io.capstan.stack.config.ConfigLoader;
import io.capstan.stack.config.DotEnv;
import io.capstan.stack.config.Interpolator;
import io.capstan.stack.config.YamlDocument;
import io.capstan.stack.render.TemplateRenderer;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.capstan.stack.fuzz.UserErrors.resultOrOneLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every parser a stack's files go through, fed mutations of valid files (the seeds in {@code fuzz/}): the only
 * way out is a result or a one-line {@code ConfigException}, in bounded time, and reading never writes a file.
 */
class StackParsersFuzzTest {
    private static Path root;

    @BeforeContainer
    static void createRoot() throws IOException {
        root = Files.createTempDirectory("capstan-fuzz-stack");
    }

    @AfterContainer
    static void removeRoot() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Property
    void stackYaml(@ForAll("configYaml") String text) {
        resultOrOneLine(() -> YamlDocument.parse(text, "config.yml"));
    }

    @Property
    void composeYaml(@ForAll("composeYaml") String text) {
        resultOrOneLine(() -> YamlDocument.parse(text, "docker-compose.yml", true));
    }

    @Property
    void stackConfigWithImportsAndDotEnv(@ForAll("configYaml") String main, @ForAll("importedYaml") String imported,
                                         @ForAll("dotEnv") String env) throws IOException {
        Path project = project("config", Map.of("config.yml", main, "framework.yml", imported, ".env", env));
        Set<Path> before = files(project);
        resultOrOneLine(() -> new ConfigLoader(Map.of("API_TOKEN", "t0k3n")).load(project.resolve("config.yml")));
        assertThat(files(project)).as("files after loading").isEqualTo(before);
    }

    @Property
    void dotEnv(@ForAll("dotEnv") String text) throws IOException {
        Path project = project("env", Map.of(".env", text));
        resultOrOneLine(() -> DotEnv.read(project.resolve(".env"), ".env"));
    }

    @Property
    void interpolation(@ForAll("interpolated") String text) {
        Map<String, Object> tree = Map.of("services", Map.of("web", Map.of("environment", List.of(text))));
        resultOrOneLine(() -> {
            try {
                return new Interpolator(Map.of("A", "1", "EMPTY", ""), (name, value) -> name.contains("TOKEN"))
                        .apply(tree);
            } catch (Interpolator.MissingVariable e) {
                // as ConfigLoader and ComposeLoader report it
                throw new ConfigException("config.yml:3: " + e.getMessage(), e);
            }
        });
    }

    @Property
    void jinjaTemplates(@ForAll("templates") String template) {
        Map<String, Object> context = Map.of("greeting", "hi",
                "services", Map.of("web", Map.of("image", "nginx", "ports", List.of("80:80"), "replicas", 2)));
        resultOrOneLine(() -> new TemplateRenderer(false).render(template, "compose.yml.j2", context));
        resultOrOneLine(() -> new TemplateRenderer(true).render(template, "compose.yml.j2", context));
    }

    @Property
    void composeModel(@ForAll("composeYaml") String text) throws IOException {
        Path project = project("compose", Map.of("docker-compose.yml", text));
        Set<Path> before = files(project);
        resultOrOneLine(() -> new ComposeLoader(Map.of("A", "1"), project)
                .load(List.of(project.resolve("docker-compose.yml")), "fuzz"));
        assertThat(files(project)).as("files after loading").isEqualTo(before);
    }

    // What the properties found, kept as regressions.

    @Example
    void aMethodJinjaCannotCallIsNamedWithoutJavasClassName() {
        assertThatThrownBy(() -> new TemplateRenderer(false).render("{{ ''.getClass() }}", "compose.yml.j2", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("compose.yml.j2:1: Cannot find method 'getClass' on a string");
    }

    @Example
    void aTagJinjavaCannotTokenizeIsAnErrorWithItsLine() {
        assertThatThrownBy(() -> new TemplateRenderer(false).render("a: 1\nb: {%}\n", "compose.yml.j2", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("compose.yml.j2:2: Syntax error in '{%}': Malformed tag token");
    }

    @Example
    void aRequiredVariableMessageWithALineBreakStaysOneLine() {
        Map<String, Object> tree = Map.of("environment", List.of("${AA:?\nneeded}"));
        assertThatThrownBy(() -> {
            try {
                new Interpolator(Map.of(), (name, value) -> false).apply(tree);
            } catch (Interpolator.MissingVariable e) {
                throw new ConfigException("config.yml:3: " + e.getMessage(), e);
            }
        }).hasMessage("config.yml:3: required variable AA is missing a value: \\nneeded");
    }

    @Provide
    Arbitrary<String> configYaml() {
        return Mutations.of(List.of(seed("config/demo.yml")));
    }

    @Provide
    Arbitrary<String> importedYaml() {
        return Mutations.of(List.of(seed("config/framework.yml")));
    }

    @Provide
    Arbitrary<String> composeYaml() {
        return Mutations.of(List.of(seed("compose/web.yml")));
    }

    @Provide
    Arbitrary<String> dotEnv() {
        return Mutations.of(List.of(seed("env/dot.env")));
    }

    @Provide
    Arbitrary<String> templates() {
        return Mutations.of(List.of(seed("template/compose.yml.j2")));
    }

    @Provide
    Arbitrary<String> interpolated() {
        return Mutations.of(List.of("${A}", "$A-x", "${B:-default}", "${EMPTY-x}", "${A:+alt}", "$${A}",
                "${API_TOKEN}", "${A:?needed}", "pre ${A:-${EMPTY:-deep}} post"));
    }

    static String seed(String name) {
        try (var in = StackParsersFuzzTest.class.getResourceAsStream("/fuzz/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh directory under this run's root with {@code files} in it. */
    private static Path project(String kind, Map<String, String> files) throws IOException {
        Path dir = Files.createTempDirectory(root, kind);
        for (var file : files.entrySet()) {
            // a lone surrogate becomes '?' here; bytes that are not UTF-8 have an example of their own
            Files.write(dir.resolve(file.getKey()), file.getValue().getBytes(StandardCharsets.UTF_8));
        }
        return dir;
    }

    private static Set<Path> files(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.collect(Collectors.toSet());
        }
    }
}
