package io.capstan.stack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Generates {@code examples/demo} and compares the whole build tree, byte for byte, with
 * {@code src/test/resources/golden/demo} (the absolute project root written as {@code @PROJECT_ROOT@}).
 * After an intended change, run with {@code -Dcapstan.golden.update=true} and review the diff of the golden files.
 */
class GoldenBuildTest {
    private static final Path EXAMPLE = Path.of("../examples/demo");
    private static final Path GOLDEN = Path.of("src/test/resources/golden/demo");

    @TempDir
    Path dir;

    @Test
    void theExampleGeneratesExactlyTheGoldenTree() throws IOException {
        Path project = dir.resolve("demo");
        copyProject(EXAMPLE, project);
        GeneratedStack stack = new StackGenerator(Map.of(), false).generate(project.resolve("config.yml"));
        assertThat(stack.warnings()).isEmpty();

        Map<String, String> actual = new LinkedHashMap<>();
        TestProject.snapshot(project.resolve("build"))
                .forEach((path, content) -> actual.put(path, content.replace(project.toString(), "@PROJECT_ROOT@")));
        if (Boolean.getBoolean("capstan.golden.update")) {
            writeGolden(actual);
        }
        assertThat(actual).isEqualTo(TestProject.snapshot(GOLDEN));
    }

    static void copyProject(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path relative = from.relativize(file);
                if (relative.startsWith("build")) {
                    continue;
                }
                Files.createDirectories(to.resolve(relative).getParent());
                Files.copy(file, to.resolve(relative), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    private static void writeGolden(Map<String, String> tree) throws IOException {
        if (Files.exists(GOLDEN)) {
            try (Stream<Path> old = Files.walk(GOLDEN)) {
                old.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        for (var e : tree.entrySet()) {
            Path file = GOLDEN.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue());
        }
    }
}
