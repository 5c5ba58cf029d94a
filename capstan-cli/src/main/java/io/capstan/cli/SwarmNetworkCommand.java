package io.capstan.cli;

import io.capstan.core.label.Labels;
import io.capstan.core.spec.Ipam;
import io.capstan.core.spec.NetworkSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.Map;

/** {@code capstan swarm network create}: overlay networks, which span the swarm's nodes. */
@Command(name = "network", description = "Create overlay networks for services (list and remove them with 'capstan networks').",
        footer = {"", "Examples:", "  capstan swarm network create backend", "  capstan networks rm backend"},
        subcommands = SwarmNetworkCommand.Create.class)
final class SwarmNetworkCommand {

    @Command(name = "create", description = "Create an overlay network that services (and, attachable, containers) join.",
            footer = {"", "Example:", "  capstan swarm network create --attachable=false backend"})
    static final class Create implements Runnable {
        private final Cli cli;
        @Option(names = "--attachable", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = "Plain containers may join it too (default: true).")
        boolean attachable;
        @Option(names = "--internal", description = "No traffic to or from outside the network.")
        boolean internal;
        @Parameters(paramLabel = "NAME")
        String name;

        Create(Cli cli) {
            this.cli = cli;
        }

        @Override
        public void run() {
            SwarmAccess.membership(cli).requireManager();
            cli.out().println(cli.engine().networks().create(new NetworkSpec(name, "overlay", Labels.owned(), internal,
                    Map.of(), Ipam.DEFAULT, false, attachable)).id());
        }
    }
}
