package io.capstan.cli;

import io.capstan.cli.output.Ages;
import io.capstan.cli.output.Json;
import io.capstan.cli.output.OutputFormat;
import io.capstan.cli.output.Table;
import io.capstan.kernels.launch.KernelContainers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.time.Instant;

@Command(name = "ls", aliases = "list", description = "List the kernels Capstan runs: user, kernel id, image, state, age.",
        footer = {"", "Example:", "  capstan kernel ls --format json"})
final class KernelListCommand implements Runnable {
    private final Cli cli;
    @Mixin
    OutputFormat format;

    KernelListCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public void run() {
        var kernels = new KernelContainers(cli.engine(), SwarmAccess.managedSwarm(cli)).list();
        if (format.json()) {
            Json.print(cli.out(), kernels);
            return;
        }
        Instant now = Instant.now();
        Table table = Table.of("USER", "KERNEL ID", "IMAGE", "STATE", "AGE", "CONTAINER / SERVICE");
        kernels.forEach(k -> table.row(k.user(), k.kernelId(), k.image(), k.state(), Ages.since(k.created(), now),
                k.container()));
        table.print(cli.out());
    }
}
