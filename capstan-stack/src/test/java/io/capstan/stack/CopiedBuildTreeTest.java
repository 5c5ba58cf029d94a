package io.capstan.stack;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The files of {@code examples/demo}'s build tree that are copies, checked against the project by a walk of its own
 * (not the golden tree, which the generator wrote): which files and directories the build holds, and for each copy
 * its kind, permission bits, modification time and bytes. Symbolic links inside the project become copies of their
 * targets, so the build holds no links (docs/stacks.md, "Symbolic links").
 */
class CopiedBuildTreeTest {
    /** What docs/stacks.md says is written rather than copied, for the demo's four services. */
    private static final Set<String> WRITTEN = Set.of(".capstan-build", ".config.yml", "services/docker-compose.yml",
            "services/framework/webui/docker-compose.yml", "services/framework/webui/config.yml",
            "services/framework/pipelines/docker-compose.yml", "services/framework/pipelines/config.yml",
            "services/framework/pipelines/kernels/python3/kernel.json",
            "services/applications/shop/api/docker-compose.yml", "services/applications/shop/api/config.yml",
            "services/applications/shop/cache/docker-compose.yml", "services/applications/shop/cache/config.yml");

    @TempDir
    Path dir;
    Path project;

    @BeforeEach
    void copyTheDemo() throws IOException {
        project = dir.resolve("demo");
        GoldenBuildTest.copyProject(Path.of("../examples/demo"), project);
        // modes the copies must keep: a script executable by its group, a private file, a closed directory
        Files.setPosixFilePermissions(project.resolve("src/demo/hello.sh"), PosixFilePermissions.fromString("rwxr-x---"));
        Files.setPosixFilePermissions(project.resolve("data/seed.txt"), PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(project.resolve("src/framework"), PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void everyCopyHasItsSourcesKindModeTimeAndBytesAndNothingElseIsInTheBuild() throws IOException {
        assertTreeIsTheProjectsCopies();
    }

    @Test
    void linksInsideTheProjectAreCopiedAsTheirTargets() throws IOException {
        Files.createSymbolicLink(project.resolve("src/demo/hello-again.sh"), Path.of("hello.sh"));
        Files.createSymbolicLink(project.resolve("src/framework-link"), Path.of("framework"));
        Files.createSymbolicLink(project.resolve("services/framework/webui/www/start.html"), Path.of("index.html"));
        Files.createSymbolicLink(project.resolve("docs/seed.txt"), Path.of("../data/seed.txt"));
        assertTreeIsTheProjectsCopies();
        Path build = project.resolve("build/services/framework");
        assertThat(build.resolve("pipelines/repo_src/demo/hello-again.sh")).isRegularFile()
                .hasSameBinaryContentAs(project.resolve("src/demo/hello.sh"));
        assertThat(build.resolve("pipelines/repo_src/framework-link/config.yml")).isRegularFile();
        assertThat(build.resolve("webui/www/start.html")).hasSameBinaryContentAs(project.resolve(
                "services/framework/webui/www/index.html"));
        assertThat(build.resolve("webui/docs/seed.txt")).hasSameBinaryContentAs(project.resolve("data/seed.txt"));
    }

    private void assertTreeIsTheProjectsCopies() throws IOException {
        new StackGenerator(Map.of(), false).generate(project.resolve("config.yml"));
        Path build = project.resolve("build");

        // Where each build path comes from, from the demo's config.yml and its imports, read by hand.
        Map<String, Path> expected = new TreeMap<>();
        expect(expected, "services/framework/webui", "services/framework/webui", true);
        expect(expected, "docs", "services/framework/webui/docs", false);
        expect(expected, "services/framework/pipelines", "services/framework/pipelines", true);
        expect(expected, "src", "services/framework/pipelines/repo_src", false);
        expect(expected, "requirements.txt", "services/framework/pipelines/repo_src/requirements.txt", false);
        expect(expected, "data", "services/framework/pipelines/seed-data", false);
        expect(expected, "services/applications/shop/api", "services/applications/shop/api", true);
        expect(expected, "data/seed.txt", "services/applications/shop/api/www/seed.txt", false);
        expect(expected, "services/applications/shop/cache", "services/applications/shop/cache", true);

        List<String> problems = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(build)) {
            for (Path path : walk.toList()) {
                String relative = build.relativize(path).toString();
                if (Files.isSymbolicLink(path)) {
                    problems.add(relative + ": a symbolic link in the build");
                    continue;
                }
                Path source = expected.get(relative);
                if (source == null) {
                    if (!WRITTEN.contains(relative) && !isParentOfAny(relative, expected.keySet())) {
                        problems.add(relative + ": in the build but neither copied nor written");
                    }
                    continue;
                }
                seen.add(relative);
                compare(relative, source, path, problems);
            }
        }
        List<String> missing = new ArrayList<>(expected.keySet());
        missing.removeAll(seen);
        missing.forEach(m -> problems.add(m + ": missing from the build"));
        assertThat(problems).isEmpty();
        assertThat(seen).hasSizeGreaterThanOrEqualTo(15);
    }

    /** Records {@code from} (a file or a directory, links followed) as copied to {@code to}. */
    private void expect(Map<String, Path> expected, String from, String to, boolean skipTopTemplates) throws IOException {
        Path source = project.resolve(from).toRealPath();
        expected.put(to, source);
        if (!Files.isDirectory(source)) {
            return;
        }
        try (Stream<Path> children = Files.list(source)) {
            for (Path child : children.sorted().toList()) {
                String name = child.getFileName().toString();
                if (skipTopTemplates && name.endsWith(".j2")) {
                    continue;
                }
                expect(expected, from + "/" + name, to + "/" + name, false);
            }
        }
    }

    private static void compare(String relative, Path source, Path copy, List<String> problems) throws IOException {
        if (Files.isDirectory(source) != Files.isDirectory(copy, LinkOption.NOFOLLOW_LINKS)) {
            problems.add(relative + ": a directory in one tree and a file in the other");
            return;
        }
        String sourceMode = PosixFilePermissions.toString(Files.getPosixFilePermissions(source));
        String copyMode = PosixFilePermissions.toString(Files.getPosixFilePermissions(copy, LinkOption.NOFOLLOW_LINKS));
        if (!sourceMode.equals(copyMode)) {
            problems.add(relative + ": mode " + copyMode + ", its source's is " + sourceMode);
        }
        if (Files.isDirectory(source)) {
            return;
        }
        if (Files.mismatch(source, copy) != -1) {
            problems.add(relative + ": content differs from its source's");
        }
        long sourceTime = Files.getLastModifiedTime(source).toMillis();
        long copyTime = Files.getLastModifiedTime(copy, LinkOption.NOFOLLOW_LINKS).toMillis();
        if (sourceTime != copyTime) {
            problems.add(relative + ": modified " + copyTime + ", its source " + sourceTime);
        }
    }

    private static boolean isParentOfAny(String relative, Set<String> paths) {
        return relative.isEmpty() || paths.stream().anyMatch(p -> p.startsWith(relative + "/"));
    }
}
