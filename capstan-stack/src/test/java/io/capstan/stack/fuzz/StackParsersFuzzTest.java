package io.capstan.stack.fuzz;

import io.capstan.core.error.ConfigException;
import io.capstan.stack.compose.ComposeLoader;
import io.capstan.stack.config.ConfigLoader;
import io.capstan.stack.config.DotEnv;
import io.capstan.stack.config.Interpolator;
import io.capstan.stack.config.YamlDocument;
import io.capstan.stack.render.TemplateRenderer;
import io.capstan.tck.fuzz.Mutations;
import io.capstan.tck.fuzz.UserErrors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static io.capstan.tck.fuzz.Fuzz.check;
import static io.capstan.tck.fuzz.UserErrors.resultOrOneLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every parser a stack's files go through, fed mutations of valid files (the seeds in {@code fuzz/}): the only
 * way out is a result or a one-line {@code ConfigException}, in bounded time, and reading never writes a file.
 */
class StackParsersFuzzTest {
    private static Path root;

    @BeforeAll
    static void createRoot() throws IOException {
        root = Files.createTempDirectory("capstan-fuzz-stack");
    }

    @AfterAll
    static void removeRoot() throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void stackYaml() {
        check("stackYaml", configFiles(), text -> resultOrOneLine(() -> YamlDocument.parse(text, "config.yml")));
    }

    @Test
    void composeYaml() {
        check("composeYaml", composeFiles(),
                text -> resultOrOneLine(() -> YamlDocument.parse(text, "docker-compose.yml", true)));
    }

    @Test
    void stackConfigWithImportsAndDotEnv() {
        Function<Random, String> config = configFiles();
        Function<Random, String> imported = importedFiles();
        Function<Random, String> env = dotEnvFiles();
        Function<Random, Map<String, String>> projects = random -> Map.of("config.yml", config.apply(random),
                "framework.yml", imported.apply(random), ".env", env.apply(random));
        check("stackConfigWithImportsAndDotEnv", projects, files -> {
            Path project = project("config", files);
            Set<Path> before = files(project);
            resultOrOneLine(() -> new ConfigLoader(Map.of("API_TOKEN", "t0k3n")).load(project.resolve("config.yml")));
            assertThat(files(project)).as("files after loading").isEqualTo(before);
        });
    }

    @Test
    void dotEnv() {
        check("dotEnv", dotEnvFiles(), text -> {
            Path project = project("env", Map.of(".env", text));
            resultOrOneLine(() -> DotEnv.read(project.resolve(".env"), ".env"));
        });
    }

    @Test
    void interpolation() {
        check("interpolation", interpolated(), text -> {
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
        });
    }

    @Test
    void jinjaTemplates() {
        Map<String, Object> context = Map.of("greeting", "hi",
                "services", Map.of("web", Map.of("image", "nginx", "ports", List.of("80:80"), "replicas", 2)));
        check("jinjaTemplates", templates(), template -> {
            resultOrOneLine(() -> new TemplateRenderer(false).render(template, "compose.yml.j2", context));
            resultOrOneLine(() -> new TemplateRenderer(true).render(template, "compose.yml.j2", context));
        });
    }

    @Test
    void composeModel() {
        check("composeModel", composeFiles(), text -> {
            Path project = project("compose", Map.of("docker-compose.yml", text));
            Set<Path> before = files(project);
            resultOrOneLine(() -> new ComposeLoader(Map.of("A", "1"), project)
                    .load(List.of(project.resolve("docker-compose.yml")), "fuzz"));
            assertThat(files(project)).as("files after loading").isEqualTo(before);
        });
    }

    // What the properties found, kept as regressions.

    @Test
    void aMethodJinjaCannotCallIsNamedWithoutJavasClassName() {
        assertThatThrownBy(() -> new TemplateRenderer(false).render("{{ ''.getClass() }}", "compose.yml.j2", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("compose.yml.j2:1: Cannot find method 'getClass' on a string");
    }

    @Test
    void aTagJinjavaCannotTokenizeIsAnErrorWithItsLine() {
        assertThatThrownBy(() -> new TemplateRenderer(false).render("a: 1\nb: {%}\n", "compose.yml.j2", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("compose.yml.j2:2: Syntax error in '{%}': Malformed tag token");
    }

    @Test
    void anOperatorOnAnUndefinedValueIsAnErrorWithoutJavasExceptionName() {
        assertThatThrownBy(() -> new TemplateRenderer(true).render("a: 1\nb: {{ svc.replicas ** 2 }}\n",
                "compose.yml.j2", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("compose.yml.j2:2: Error resolving expression [svc.replicas ** 2]: Unsupported "
                        + "operand type(s) for **: 'null'")
                .satisfies(e -> UserErrors.assertOneLine(e.getMessage()));
    }

    @Test
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

    private static Function<Random, String> configFiles() {
        return Mutations.of(List.of(seed("config/demo.yml")));
    }

    private static Function<Random, String> importedFiles() {
        return Mutations.of(List.of(seed("config/framework.yml")));
    }

    private static Function<Random, String> composeFiles() {
        return Mutations.of(List.of(seed("compose/web.yml")));
    }

    private static Function<Random, String> dotEnvFiles() {
        return Mutations.of(List.of(seed("env/dot.env")));
    }

    private static Function<Random, String> templates() {
        return Mutations.of(List.of(seed("template/compose.yml.j2")));
    }

    private static Function<Random, String> interpolated() {
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
