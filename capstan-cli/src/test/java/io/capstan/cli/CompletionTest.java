package io.capstan.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code capstan completion bash}, sourced into a real bash, completes what a user types. */
class CompletionTest {
    @TempDir
    Path dir;

    private final CliRunner cli = CliRunner.withEngineDown("/nonexistent/docker.sock");

    @Test
    void bashCompletesCommandsSubcommandsOptionsAndValues() throws Exception {
        var printed = cli.run("completion", "bash");
        assertThat(printed.exitCode()).as(printed.err()).isZero();
        Path script = Files.writeString(dir.resolve("capstan.bash"), printed.out());

        assertThat(complete(script, "capstan con")).containsExactly("containers");
        assertThat(complete(script, "capstan containers r")).containsExactlyInAnyOrder("run", "restart", "rm");
        assertThat(complete(script, "capstan containers run --res")).containsExactly("--restart");
        assertThat(complete(script, "capstan completion ")).containsExactly("bash", "zsh");
        assertThat(complete(script, "capstan ")).contains("containers", "server", "completion", "stack")
                .doesNotContain("warm-up");
    }

    @Test
    void onlyBashAndZshAreOffered() {
        var fish = cli.run("completion", "fish");
        assertThat(fish.exitCode()).isEqualTo(Main.USAGE);
        assertThat(fish.err()).contains("Invalid value for positional parameter at index 0 (SHELL): expected one of [bash, zsh]");
    }

    /** What bash offers at the end of {@code line}, as when Tab is pressed there. */
    private List<String> complete(Path script, String line) throws Exception {
        String driver = """
                source "$1"
                COMP_LINE="$2"; COMP_POINT=${#COMP_LINE}
                read -ra COMP_WORDS <<< "$COMP_LINE"
                [[ "$COMP_LINE" == *" " ]] && COMP_WORDS+=("")
                COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
                _complete_capstan 2>/dev/null
                printf '%s\\n' "${COMPREPLY[@]}"
                """;
        Process bash = new ProcessBuilder("bash", "--norc", "--noprofile", "-c", driver, "bash", script.toString(), line)
                .redirectErrorStream(true).start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor()).as(out).isZero();
        return out.lines().filter(l -> !l.isEmpty()).toList();
    }
}
