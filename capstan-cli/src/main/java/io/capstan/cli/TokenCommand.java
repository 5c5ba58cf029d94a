package io.capstan.cli;

import io.capstan.cli.output.Json;
import io.capstan.cli.output.OutputFormat;
import io.capstan.cli.output.Table;
import io.capstan.core.error.ConfigException;
import io.capstan.server.TokenInfo;
import io.capstan.server.Tokens;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

@Command(name = "token", description = "Make, list, revoke and rotate API tokens.",
        footer = {"", "Examples:",
                "  capstan token create --read-only",
                "  capstan token ls",
                "  capstan token revoke 3fa2c1d9e0b4",
                "  capstan token rotate-admin"},
        subcommands = {TokenCommand.Create.class, TokenCommand.Ls.class, TokenCommand.Revoke.class,
                TokenCommand.RotateAdmin.class})
final class TokenCommand {

    /** The {@code --data-dir} option of every token command. */
    static final class DataDir {
        @Option(names = "--data-dir", paramLabel = "DIR",
                description = "The server's data directory (default: $XDG_DATA_HOME/capstan, else ~/.local/share/capstan).")
        Path dataDir;

        Path path() {
            return dataDir != null ? dataDir : ServerCommand.defaultDataDir();
        }
    }

    @Command(name = "create",
            description = {"Make a read-only token for the control plane's API and print it (it is shown only this "
                    + "once; only its hash is kept). A running server accepts it at once. The admin token is made by "
                    + "the server's first start."},
            footer = {"", "Example:", "  capstan token create --read-only"})
    static final class Create implements Runnable {
        private final Cli cli;

        @Option(names = "--read-only", required = true, description = "A token that may read but not change anything.")
        boolean readOnly;

        @Mixin DataDir data;

        Create(Cli cli) {
            this.cli = cli;
        }

        @Override
        public void run() {
            if (!readOnly) {
                throw new ConfigException("only read-only tokens are made here; the admin token is in "
                        + data.path().resolve(Tokens.ADMIN_FILE));
            }
            cli.out().println(Tokens.createReadOnly(data.path()));
        }
    }

    @Command(name = "ls", description = {"List the tokens: id, role, when each was made and last used (never the "
            + "token itself). The id is what 'capstan token revoke' takes."},
            footer = {"", "Example:", "  capstan token ls --format json"})
    static final class Ls implements Runnable {
        private final Cli cli;
        @Mixin DataDir data;
        @Mixin OutputFormat format;

        Ls(Cli cli) {
            this.cli = cli;
        }

        @Override
        public void run() {
            List<TokenInfo> tokens = Tokens.list(data.path());
            if (format.json()) {
                Json.print(cli.out(), tokens.stream().map(t -> Map.of("id", t.id(), "role", role(t),
                        "created", shown(t.created(), ""), "last_used", shown(t.lastUsed(), ""))).toList());
                return;
            }
            Table table = Table.of("ID", "ROLE", "CREATED", "LAST USED");
            tokens.forEach(t -> table.row(t.id(), role(t), shown(t.created(), "-"), shown(t.lastUsed(), "never")));
            table.print(cli.out());
        }

        private static String role(TokenInfo t) {
            return t.role() == Tokens.Role.ADMIN ? "admin" : "read-only";
        }

        private static String shown(Instant when, String none) {
            return when == null ? none : when.toString();
        }
    }

    @Command(name = "revoke", description = {"Revoke a read-only token by its id (see 'capstan token ls'). A running "
            + "server refuses it within a second."},
            footer = {"", "Example:", "  capstan token revoke 3fa2c1d9e0b4"})
    static final class Revoke implements Runnable {
        private final Cli cli;
        @Mixin DataDir data;
        @Parameters(paramLabel = "ID", description = "The token's id, as 'capstan token ls' shows it.") String id;

        Revoke(Cli cli) {
            this.cli = cli;
        }

        @Override
        public void run() {
            Tokens.revoke(data.path(), id);
            cli.out().println("revoked " + id);
        }
    }

    @Command(name = "rotate-admin", description = {"Replace the admin token with a new one in the same file: the old "
            + "one stops working within a second, and commands on this host use the new one from then on."},
            footer = {"", "Example:", "  capstan token rotate-admin"})
    static final class RotateAdmin implements Runnable {
        private final Cli cli;
        @Mixin DataDir data;

        RotateAdmin(Cli cli) {
            this.cli = cli;
        }

        @Override
        public void run() {
            cli.out().println("the new admin token is in " + Tokens.rotateAdmin(data.path()) + " (mode 0600)");
        }
    }
}
