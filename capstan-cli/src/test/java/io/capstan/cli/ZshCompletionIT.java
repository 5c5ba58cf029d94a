package io.capstan.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code capstan completion zsh}, sourced into a real zsh (Debian's zsh package) after compinit, as a ~/.zshrc
 * does: the script loads without an error and its completion function, called the way zsh's bashcompinit calls
 * it, offers the right words. zsh itself keeps those that start with what was typed, as modelled here.
 */
class ZshCompletionIT {
    @TempDir
    Path dir;

    @Test
    void zshCompletesCommandsSubcommandsAndOptionValues() throws Exception {
        var printed = CliRunner.withEngineDown("/nonexistent/docker.sock").run("completion", "zsh");
        assertThat(printed.exitCode()).as(printed.err()).isZero();
        Path script = Files.writeString(dir.resolve("capstan.zsh"), printed.out());

        assertThat(complete(script, "capstan con")).containsExactly("containers");
        assertThat(complete(script, "capstan containers r")).containsExactlyInAnyOrder("run", "restart", "rm");
        assertThat(complete(script, "capstan completion ")).containsExactly("bash", "zsh");
    }

    private List<String> complete(Path script, String line) throws Exception {
        String driver = """
                autoload -U +X compinit && compinit -u -d "$3"
                source "$1" || exit 3
                setopt ksharrays   # as bashcompinit's _bash_complete sets it for the function it calls
                COMP_LINE="$2"; COMP_POINT=${#COMP_LINE}
                COMP_WORDS=( ${=COMP_LINE} )
                [[ "$COMP_LINE" == *" " ]] && COMP_WORDS+=("")
                COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
                _complete_capstan 2>/dev/null
                print -rl -- "${COMPREPLY[@]}"
                """;
        Process zsh = new ProcessBuilder("zsh", "-f", "-c", driver, "zsh", script.toString(), line,
                dir.resolve("zcompdump").toString()).start();
        String out = new String(zsh.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(zsh.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(zsh.waitFor()).as(err).isZero();
        assertThat(err).as("loading the script in zsh").isEmpty();
        String typed = line.substring(line.lastIndexOf(' ') + 1);
        return out.lines().filter(word -> !word.isEmpty() && word.startsWith(typed)).toList();
    }
}
