package io.capstan.stack;

import io.capstan.stack.config.YamlDocument;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** A throw-away project on disk, written file by file, for the generator's tests. */
final class TestProject {
    private final Path root;

    TestProject(Path root) {
        this.root = root;
    }

    TestProject file(String relative, String content) {
        try {
            Path file = root.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A service directory with a compose template. */
    TestProject service(String path, String template) {
        return file(path + "/docker-compose.yml.j2", template);
    }

    TestProject rootTemplate() {
        return file("services/docker-compose.yml.j2", "networks:\n  net: {}\n");
    }

    Path root() {
        return root;
    }

    Path config() {
        return root.resolve("config.yml");
    }

    Path build(String relative) {
        return root.resolve("build").resolve(relative);
    }

    String read(String relativeToBuild) {
        try {
            return Files.readString(build(relativeToBuild));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A generated YAML file read back as data (YAML 1.2). */
    Map<String, Object> yaml(String relativeToBuild) {
        return YamlDocument.parse(read(relativeToBuild), relativeToBuild).root();
    }

    /** Every file under a directory with its content, for before/after comparisons. */
    static Map<String, String> snapshot(Path dir) {
        Map<String, String> files = new TreeMap<>();
        if (!Files.exists(dir)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(p).toString(), Files.readString(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }
}
