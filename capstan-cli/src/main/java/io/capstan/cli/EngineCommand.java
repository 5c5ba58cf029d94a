package io.capstan.cli;

import io.capstan.cli.output.Json;
import io.capstan.cli.output.OutputFormat;
import io.capstan.cli.output.Table;
import io.capstan.core.model.EngineInfo;
import io.capstan.core.resource.ResourceQuantities;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "engine", description = "Show or start the container engine.",
        footer = {"", "Examples:",
                "  capstan engine info",
                "  sudo capstan engine start"},
        subcommands = {EngineCommand.Info.class, EngineCommand.Start.class})
final class EngineCommand {

    @Command(name = "info", description = "Show which engine Capstan uses and what it reports.",
            footer = {"", "Example:", "  capstan engine info --format json"})
    static final class Info implements Runnable {
        private final Cli cli;
        @Mixin
        OutputFormat format;

        Info(Cli cli) {
            this.cli = cli;
        }

        @Override
        public void run() {
            EngineInfo info = cli.engine().info();
            if (format.json()) {
                Json.print(cli.out(), info);
                return;
            }
            Table.of("FIELD", "VALUE")
                    .row("Endpoint", info.endpoint())
                    .row("Engine", info.product() + " " + info.version() + " (API " + info.apiVersion() + ")")
                    .row("Host", info.os() + ", kernel " + info.kernel() + ", " + info.arch())
                    .row("Resources", info.cpus() + " CPUs, " + ResourceQuantities.formatBytes(info.memoryBytes()))
                    .row("Storage driver", info.storageDriver())
                    .row("Cgroup version", info.cgroupVersion() == 0 ? "unknown" : String.valueOf(info.cgroupVersion()))
                    .row("Containers", info.containers() + " (" + info.containersRunning() + " running)")
                    .row("Images", info.images())
                    .row("Swarm", info.swarmState().isEmpty() ? "unsupported" : info.swarmState())
                    .print(cli.out());
        }
    }

    @Command(name = "start", description = {
            "Start the local Docker engine when none answers: through systemd when it runs the machine, otherwise by "
                    + "launching dockerd (log: " + "/var/log/capstan-dockerd.log). Needs root and the docker.io package.",
            "Does nothing when an engine already answers, and starts nothing when --engine, CAPSTAN_ENGINE or "
                    + "DOCKER_HOST names an engine other than the local Docker socket."},
            footer = {"", "Example:", "  sudo capstan engine start"})
    static final class Start implements Runnable {
        private final Cli cli;

        Start(Cli cli) {
            this.cli = cli;
        }

        @Override
        public void run() {
            var outcome = LocalEngineStarter.of(cli).ensureRunning(cli.engineEndpoint(),
                    line -> cli.err().println("capstan: " + line));
            cli.out().println(outcome.started()
                    ? "Engine started: " + outcome.how() + ", answering at " + outcome.endpoint()
                    : "Engine already running at " + outcome.endpoint());
        }
    }
}
