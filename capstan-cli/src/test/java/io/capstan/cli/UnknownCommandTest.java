package io.capstan.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A first word that is neither a command nor a config file is an unknown command, with a suggestion. */
class UnknownCommandTest {
    @TempDir
    Path dir;

    private CliRunner.Result run(String... args) {
        return CliRunner.withEngineDown(dir.resolve("no-engine.sock").toString()).run(args);
    }

    @Test
    void aMistypedCommandSuggestsTheNearestOneAndExitsTwo() {
        var typo = run("contaners", "ls");
        assertThat(typo.exitCode()).isEqualTo(Main.USAGE);
        assertThat(typo.errLines()).containsExactly("capstan: unknown command 'contaners' (did you mean 'containers'?)");
        assertThat(typo.out()).isEmpty();
        assertThat(run("--debug", "imgaes").errLines())
                .containsExactly("capstan: unknown command 'imgaes' (did you mean 'images'?)");
    }

    @Test
    void dockerHabitsPointAtTheCommandThatDoesIt() {
        assertThat(run("ps").errLines()).containsExactly("capstan: unknown command 'ps' (did you mean 'containers ps' or 'swarm ps'?)");
        assertThat(run("up", "-d").errLines())
                .containsExactly("capstan: unknown command 'up' (did you mean 'capstan CONFIG up'?)");
        assertThat(run("frobnicate").errLines())
                .containsExactly("capstan: unknown command 'frobnicate' (see 'capstan --help')");
        assertThat(run("frobnicate").exitCode()).isEqualTo(Main.USAGE);
    }

    @Test
    void versionIsDashDashVersion() {
        var version = run("version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).isEqualTo(run("--version").out()).startsWith("capstan ");
    }

    @Test
    void aWordIsAConfigFileWhenItLooksLikeAPathOrAYamlFileOrIsAnExistingFile() throws Exception {
        String missing = "missing-" + UUID.randomUUID() + ".yml";
        assertThat(run(missing).errLines()).containsExactly("capstan: config file '" + missing + "' not found");
        assertThat(run("./nowhere").errLines()).containsExactly("capstan: config file './nowhere' not found");
        assertThat(run("nowhere.YAML").exitCode()).isEqualTo(Main.FAILED);

        // an existing file without .yml, named as a plain word from the working directory, is read as a config
        Path plain = Path.of("verbs-plain-config-" + UUID.randomUUID());
        Files.writeString(plain, "deployed_services: [\n");
        try {
            var result = run(plain.toString());
            assertThat(result.exitCode()).isEqualTo(Main.FAILED);
            assertThat(result.errLines()).singleElement().asString().startsWith("capstan: " + plain + ":")
                    .contains("invalid YAML");
        } finally {
            Files.delete(plain);
        }
    }
}
