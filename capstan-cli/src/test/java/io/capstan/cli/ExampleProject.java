package io.capstan.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** examples/demo, copied (without a build directory) into a test's own directory. */
final class ExampleProject {
    private ExampleProject() {
    }

    /** Copies the example into {@code dir} and returns its main config file there. */
    static Path copyTo(Path dir) throws IOException {
        Path example = Path.of("../examples/demo");
        try (Stream<Path> files = Files.walk(example)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path relative = example.relativize(file);
                if (!relative.startsWith("build")) {
                    Files.createDirectories(dir.resolve(relative).getParent());
                    Files.copy(file, dir.resolve(relative), StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return dir.resolve("config.yml");
    }
}
