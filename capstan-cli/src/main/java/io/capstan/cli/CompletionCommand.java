package io.capstan.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "completion",
        description = {"Print a script that completes capstan's commands, options and their values in bash or zsh.",
                "Load it into the running shell with 'source <(capstan completion bash)' (or zsh), or add that line to "
                        + "~/.bashrc or ~/.zshrc; with the bash-completion package, bash also reads it from "
                        + "/etc/bash_completion.d/capstan."},
        footer = {"", "Examples:",
                "  source <(capstan completion bash)",
                "  capstan completion bash > /etc/bash_completion.d/capstan",
                "  echo 'source <(capstan completion zsh)' >> ~/.zshrc"})
final class CompletionCommand implements Runnable {
    enum Shell { bash, zsh }

    private final Cli cli;

    @Parameters(paramLabel = "SHELL", description = "bash or zsh.")
    Shell shell;

    CompletionCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public void run() {
        // picocli's script serves both shells: sourced in zsh, it loads zsh's emulation of bash completion first.
        cli.out().print(AutoComplete.bash("capstan", Main.commandLine(cli)));
        cli.out().flush();
    }
}
