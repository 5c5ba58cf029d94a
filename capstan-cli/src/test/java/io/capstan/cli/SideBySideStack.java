package io.capstan.cli;

import io.capstan.stack.StackGenerator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static io.capstan.cli.DockerCommand.containers;
import static io.capstan.cli.DockerCommand.docker;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A one-template stack project brought up twice on the engine from the same generated compose files: by Capstan
 * (project {@link #ours}) and by Debian's {@code docker-compose} 1.29 (project {@link #theirs}), so that a test can
 * compare what the engine reports for both. As a test extension it writes the project before each test into a
 * directory of its own, and after it takes both down and checks nothing of either is left.
 */
final class SideBySideStack implements BeforeEachCallback, AfterEachCallback {
    private final CliRunner cli = CliRunner.withEnvironmentEngine();
    private final String prefix;
    private final String firstTemplate;
    private final boolean volumes;
    String ours;
    String theirs;
    Path config;
    Path template;
    private Path dir;
    private List<Path> composeFiles;
    private boolean composeUp;

    private SideBySideStack(String prefix, String firstTemplate, boolean volumes) {
        this.prefix = prefix;
        this.firstTemplate = firstTemplate;
        this.volumes = volumes;
    }

    /** A project named after {@code prefix} whose one service template is {@code template}. */
    static SideBySideStack of(String prefix, String template) {
        return new SideBySideStack(prefix, template, false);
    }

    /** The same, whose volumes are removed and checked gone too. */
    SideBySideStack withVolumes() {
        return new SideBySideStack(prefix, firstTemplate, true);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        String id = UUID.randomUUID().toString().substring(0, 8);
        ours = prefix + "-" + id + "-capstan";
        theirs = prefix + id + "compose";
        composeUp = false;
        dir = Files.createTempDirectory(prefix + "-");
        config = dir.resolve("config.yml");
        Files.writeString(config, "project_name: " + ours + "\ndeployed_services: [keys]\n"
                + "framework:\n  services:\n    keys: {path: ./services/keys}\n");
        Files.createDirectories(dir.resolve("services/keys"));
        Files.writeString(dir.resolve("services/docker-compose.yml.j2"), "networks:\n  default: {}\n");
        template = dir.resolve("services/keys/docker-compose.yml.j2");
        rewrite(firstTemplate);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            takeBothDown();
        } finally {
            deleteTree(dir);
        }
    }

    /** Replaces the service template and generates the compose files again. */
    void rewrite(String templateText) throws IOException {
        Files.writeString(template, templateText);
        composeFiles = new StackGenerator(System.getenv(), false).generate(config).composeFiles();
    }

    /** The directory relative paths in the compose files are relative to (the first file's). */
    Path projectDirectory() {
        return composeFiles.getFirst().getParent();
    }

    /** Runs docker-compose on the generated files; it must succeed. */
    void compose(String... verb) throws Exception {
        String output = composeMayFail(verb);
        assertThat(output).as("docker-compose " + String.join(" ", verb)).startsWith("exit 0\n");
    }

    /** Runs docker-compose on the generated files; returns {@code exit CODE} and its output. */
    String composeMayFail(String... verb) throws Exception {
        List<String> argv = new ArrayList<>(List.of("docker-compose", "-p", theirs));
        composeFiles.forEach(f -> argv.addAll(List.of("-f", f.toString())));
        argv.addAll(List.of(verb));
        composeUp |= argv.contains("up");
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return "exit " + process.waitFor() + "\n" + output;
    }

    /** Takes both projects down (with their volumes if so made) and checks none of their containers is left. */
    private void takeBothDown() throws Exception {
        List<String> down = volumes ? List.of("down", "-v", "-t", "0") : List.of("down", "-t", "0");
        List<String> argv = new ArrayList<>(List.of(config.toString()));
        argv.addAll(down);
        var capstanDown = cli.run(argv.toArray(String[]::new));
        try {
            assertThat(capstanDown.exitCode()).as(capstanDown.err()).isZero();
        } finally {
            if (composeUp) {
                compose(down.toArray(String[]::new));
            }
        }
        assertThat(containers("io.capstan.stack=" + ours)).as("Capstan's containers are gone").isEmpty();
        assertThat(containers("com.docker.compose.project=" + theirs)).as("docker-compose's containers are gone").isEmpty();
        if (volumes) {
            assertThat(docker("volume", "ls", "-q", "--filter", "name=" + ours)).isBlank();
            assertThat(docker("volume", "ls", "-q", "--filter", "name=" + theirs)).isBlank();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
