package io.capstan.stack;

import io.capstan.stack.config.YamlDocument;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    /**
     * A project whose config holds every kind of string a YAML 1.1 or 1.2 reader could take for something else,
     * as strings (quoted), as keys, and beside real numbers, booleans and nulls.
     */
    TestProject ambiguousScalars() {
        List<String> strings = List.of("yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF",
                "y", "Y", "n", "N", "true", "True", "FALSE", "~", "null", "Null", "NULL", "", "1:30", "-1:30:00",
                "190:20:30.15", "22:22", "1_000", "0_", "017", "0o17", "0x1F", "0b1010", "+12", "-1", "0", ".5", "1.",
                "1.2.3", "1e3", "1E+3", "6.8523015e+5", ".inf", "-.Inf", "+.INF", ".NaN", "2024-01-01", "2001-12-14t21:59:43.10-05:00",
                "2001-12-14 21:59:43.10 -5", "2002-12-14", "=", "<<", "${API_KEY}", "8080:80", "plain text", "it's",
                "a: b", "#hash", "- dash", "é ü ✓", "two\nlines", " padded ", "bell\u0007", "EPICS_CA");
        StringBuilder yaml = new StringBuilder("""
                deployed_services: [web]
                framework:
                  services:
                    web: {path: ./services/web}
                EPICS_CA_AUTO_ADDR_LIST: 'NO'
                numbers: {int: 5, negative: -7, long: 10000000000, float: 1.5, big: 1.0e+20, small: 2.5e-7, inf: .inf, nan: .nan}
                flags: {yes_flag: true, no_flag: false, nothing: null, empty_list: [], empty_map: {}}
                strings:
                """);
        StringBuilder keys = new StringBuilder("keys:\n");
        for (String s : strings) {
            String quoted = "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n")
                    .replace("\u0007", "\\a") + "\"";
            yaml.append("  - ").append(quoted).append('\n');
            keys.append("  ").append(quoted).append(": ").append(quoted).append('\n');
        }
        return file("config.yml", yaml.append(keys).toString()).service("services/web", "x");
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
