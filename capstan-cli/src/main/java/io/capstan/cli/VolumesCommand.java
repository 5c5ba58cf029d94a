package io.capstan.cli;

import io.capstan.cli.output.Json;
import io.capstan.cli.output.OutputFormat;
import io.capstan.cli.output.Table;
import io.capstan.core.label.Labels;
import io.capstan.core.model.VolumeInfo;
import io.capstan.core.spec.VolumeSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "volumes", description = "Create, list and remove named volumes.",
        footer = {"", "Examples:",
                "  capstan volumes create data",
                "  capstan volumes ls --format json",
                "  capstan volumes rm data"},
        subcommands = {VolumesCommand.Create.class, VolumesCommand.Rm.class, VolumesCommand.Ls.class})
final class VolumesCommand {

    @Command(name = "create", description = "Create a named volume; its data outlives the containers that use it.",
            footer = {"", "Example:", "  capstan volumes create pgdata"})
    static final class Create implements Runnable {
        private final Cli cli;
        @Option(names = {"-d", "--driver"}, defaultValue = "local", description = "Driver (default: local).")
        String driver;
        @Parameters(paramLabel = "NAME")
        String name;

        Create(Cli cli) {
            this.cli = cli;
        }

        @Override
        public void run() {
            cli.out().println(cli.engine().volumes().create(new VolumeSpec(name, driver, Labels.owned())).name());
        }
    }

    @Command(name = "rm", description = "Remove volumes Capstan created.",
            footer = {"", "Example:", "  capstan volumes rm pgdata"})
    static final class Rm implements Callable<Integer> {
        private final Cli cli;
        @Parameters(arity = "1..*", paramLabel = "VOLUME")
        List<String> refs;

        Rm(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            return EachRef.apply(cli, refs, ref -> {
                Ownership.require("volume", ref, cli.engine().volumes().inspect(ref).labels());
                cli.engine().volumes().remove(ref);
            });
        }
    }

    @Command(name = "ls", description = "List volumes (--foreign: all of the engine's).",
            footer = {"", "Example:", "  capstan volumes ls --format json"})
    static final class Ls implements Runnable {
        private final Cli cli;
        @Mixin
        OutputFormat format;
        @Option(names = "--foreign", description = "Include volumes Capstan did not create.")
        boolean foreign;

        Ls(Cli cli) {
            this.cli = cli;
        }

        @Override
        public void run() {
            List<VolumeInfo> volumes = cli.engine().volumes().list(foreign ? Map.of() : Labels.owned());
            if (format.json()) {
                Json.print(cli.out(), volumes);
                return;
            }
            Table table = Table.of("VOLUME NAME", "DRIVER", "MOUNTPOINT");
            volumes.forEach(v -> table.row(v.name(), v.driver(), v.mountpoint()));
            table.print(cli.out());
        }
    }
}
