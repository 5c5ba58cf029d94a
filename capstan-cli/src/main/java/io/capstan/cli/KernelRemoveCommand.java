package io.capstan.cli;

import io.capstan.kernels.launch.KernelContainers;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "rm", aliases = "remove", description = "Remove kernels by kernel id, or all of them (their clients "
        + "see the kernel die).",
        footer = {"", "Examples:", "  capstan kernel rm 5d1c6a8e-5f7e-4b58-9d0e-2f1a4b7c9e01", "  capstan kernel rm --all"})
final class KernelRemoveCommand implements Callable<Integer> {
    private final Cli cli;

    static final class Which {
        @Parameters(arity = "1..*", paramLabel = "KERNEL_ID")
        List<String> ids;
        @Option(names = "--all", required = true, description = "Every kernel Capstan runs.")
        boolean all;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    KernelRemoveCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        var kernels = new KernelContainers(cli.engine(), SwarmAccess.managedSwarm(cli));
        if (which.all) {
            kernels.removeAll().forEach(cli.out()::println);
            return 0;
        }
        return EachRef.apply(cli, which.ids, kernels::remove);
    }
}
