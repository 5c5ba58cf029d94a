package io.capstan.cli;

import picocli.CommandLine.Command;

@Command(name = "kernel", description = "Build the kernel image, and launch, list and remove Jupyter kernels in containers.",
        footer = {"", "Examples:",
                "  capstan kernel image build",
                "  capstan kernel ls",
                "  capstan kernel rm --all"},
        subcommands = {KernelImageCommand.class, KernelLaunchCommand.class, KernelListCommand.class,
                KernelRemoveCommand.class})
final class KernelCommand {
}
