package io.capstan.kubernetes.stack;

import io.capstan.stack.GeneratedStack;
import io.capstan.stack.StackGenerator;
import io.capstan.stack.compose.ComposeLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example project's manifests, compared with the golden files in {@code src/test/resources/golden/demo}
 * (after a deliberate change, rewrite them with {@code -Dgolden.update=true}), and each one valid for the API.
 */
class DemoManifestsTest {
    private static final Path DEMO = Path.of("../examples/demo");
    private static final Path GOLDEN = Path.of("src/test/resources/golden/demo");

    @TempDir
    Path work;

    private RenderedStack renderDemo() throws IOException {
        Path copy = Files.createTempDirectory(work, "copy").resolve("demo");
        try (Stream<Path> files = Files.walk(DEMO)) {
            for (Path source : files.filter(p -> !DEMO.relativize(p).startsWith("build")).toList()) {
                Path target = copy.resolve(DEMO.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
        GeneratedStack stack = new StackGenerator(Map.of(), false).generate(copy.resolve("config.yml"));
        return StackManifests.render(new ComposeLoader(stack.config().environment(), stack.config().projectDir())
                .loadForSwarm(stack.composeFiles(), "capstan-demo"));
    }

    @Test
    void theDemoRendersToTheGoldenManifests() throws IOException {
        RenderedStack rendered = renderDemo();
        if (Boolean.getBoolean("golden.update")) {
            try (Stream<Path> old = Files.list(Files.createDirectories(GOLDEN))) {
                for (Path file : old.toList()) {
                    Files.delete(file);
                }
            }
            ManifestFiles.write(rendered.manifests(), GOLDEN);
        }
        List<String> golden;
        try (Stream<Path> files = Files.list(GOLDEN)) {
            golden = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertThat(rendered.manifests().stream().map(RenderedStack.Manifest::file).sorted().toList()).isEqualTo(golden);
        for (RenderedStack.Manifest m : rendered.manifests()) {
            assertThat(m.yaml()).as(m.file()).isEqualTo(Files.readString(GOLDEN.resolve(m.file())));
        }
        assertThat(renderDemo().stream()).as("the same stack renders the same way").isEqualTo(rendered.stream());
    }

    @Test
    void everyDemoManifestIsValidAgainstTheKubernetesSchema() throws IOException {
        KubernetesSchema schema = KubernetesSchema.load();
        List<RenderedStack.Manifest> manifests = renderDemo().manifests();
        assertThat(manifests).extracting(RenderedStack.Manifest::kind).contains("Deployment", "Service", "ConfigMap",
                "PersistentVolumeClaim");
        for (RenderedStack.Manifest m : manifests) {
            assertThat(schema.validate(m.yaml())).as(m.file()).isEmpty();
        }
    }
}
