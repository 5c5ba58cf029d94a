package io.capstan.cli;

import io.capstan.cli.output.Json;
import io.capstan.cli.output.OutputFormat;
import io.capstan.cli.output.Table;
import io.capstan.core.label.Labels;
import io.capstan.core.model.NetworkInfo;
import io.capstan.core.spec.NetworkSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "networks", description = "Create, list and remove networks.",
        footer = {"", "Examples:",
                "  capstan networks create backend",
                "  capstan networks ls",
                "  capstan networks rm backend"},
        subcommands = {NetworksCommand.Create.class, NetworksCommand.Rm.class, NetworksCommand.Ls.class})
final class NetworksCommand {

    @Command(name = "create", description = "Create a network; containers on it reach each other by name.",
            footer = {"", "Example:", "  capstan networks create backend"})
    static final class Create implements Runnable {
        private final Cli cli;
        @Option(names = {"-d", "--driver"}, defaultValue = "bridge", description = "Driver (default: bridge).")
        String driver;
        @Option(names = "--internal", description = "No traffic to or from outside the network.")
        boolean internal;
        @Parameters(paramLabel = "NAME")
        String name;

        Create(Cli cli) {
            this.cli = cli;
        }

        @Override
        public void run() {
            cli.out().println(cli.engine().networks().create(new NetworkSpec(name, driver, Labels.owned(), internal)).name());
        }
    }

    @Command(name = "rm", description = "Remove networks Capstan created.",
            footer = {"", "Example:", "  capstan networks rm backend"})
    static final class Rm implements Callable<Integer> {
        private final Cli cli;
        @Parameters(arity = "1..*", paramLabel = "NETWORK")
        List<String> refs;

        Rm(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            return EachRef.apply(cli, refs, ref -> {
                NetworkInfo network = cli.engine().networks().inspect(ref);
                Ownership.require("network", ref, network.labels());
                cli.engine().networks().remove(ref);
            });
        }
    }

    @Command(name = "ls", description = "List Capstan's networks and the engine's built-in ones (--foreign: all of the engine's).",
            footer = {"", "Example:", "  capstan networks ls --foreign"})
    static final class Ls implements Runnable {
        private final Cli cli;
        @Mixin
        OutputFormat format;
        @Option(names = "--foreign", description = "Include networks Capstan did not create.")
        boolean foreign;

        Ls(Cli cli) {
            this.cli = cli;
        }

        @Override
        public void run() {
            List<NetworkInfo> networks = cli.engine().networks().list(Map.of()).stream()
                    .filter(n -> foreign || Labels.isOwned(n.labels()) || builtIn(n)).toList();
            if (format.json()) {
                Json.print(cli.out(), networks);
                return;
            }
            Table table = Table.of("NETWORK ID", "NAME", "DRIVER", "SCOPE", "OWNER");
            networks.forEach(n -> table.row(n.id().substring(0, Math.min(12, n.id().length())), n.name(), n.driver(),
                    n.scope(), Labels.isOwned(n.labels()) ? "capstan" : builtIn(n) ? "engine (built in)" : "not capstan"));
            table.print(cli.out());
        }

        /** The networks every Docker engine has: shown beside Capstan's, as {@code docker network ls} shows them. */
        private static boolean builtIn(NetworkInfo network) {
            return switch (network.name()) {
                case "bridge", "host", "none" -> !Labels.isOwned(network.labels());
                default -> false;
            };
        }
    }
}
