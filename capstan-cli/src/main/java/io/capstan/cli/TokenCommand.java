package io.capstan.cli;

import io.capstan.core.error.ConfigException;
import io.capstan.server.Tokens;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;

@Command(name = "token", description = "Make API tokens.",
        footer = {"", "Examples:",
                "  capstan token create --read-only"}, subcommands = TokenCommand.Create.class)
final class TokenCommand {

    @Command(name = "create",
            description = {"Make a read-only token for the control plane's API and print it (it is shown only this "
                    + "once; only its hash is kept). A running server accepts it at once. The admin token is made by "
                    + "the server's first start."},
            footer = {"", "Example:", "  capstan token create --read-only"})
    static final class Create implements Runnable {
        private final Cli cli;

        @Option(names = "--read-only", required = true, description = "A token that may read but not change anything.")
        boolean readOnly;

        @Option(names = "--data-dir", paramLabel = "DIR",
                description = "The server's data directory (default: $XDG_DATA_HOME/capstan, else ~/.local/share/capstan).")
        Path dataDir;

        Create(Cli cli) {
            this.cli = cli;
        }

        @Override
        public void run() {
            if (!readOnly) {
                throw new ConfigException("only read-only tokens are made here; the admin token is in "
                        + ServerCommand.defaultDataDir().resolve(Tokens.ADMIN_FILE));
            }
            cli.out().println(Tokens.createReadOnly(dataDir != null ? dataDir : ServerCommand.defaultDataDir()));
        }
    }
}
