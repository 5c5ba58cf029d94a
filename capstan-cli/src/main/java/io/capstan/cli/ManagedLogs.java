package io.capstan.cli;

import io.capstan.core.error.InvalidSpecException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code capstan managed logs}: a managed container's output, through the API. */
@Command(name = "logs", description = "Print a managed container's output (stdout and stderr as they came).",
        footer = {"", "Examples:", "  capstan managed logs capstan-busybox-3fa2c1",
                "  capstan managed logs -f --tail 20 capstan-busybox-3fa2c1"})
final class ManagedLogs implements Runnable {
    private final Cli cli;
    @Mixin ManagedCommand.Api api;
    @Option(names = {"-f", "--follow"}, description = "Keep printing new output until the container stops.")
    boolean follow;
    @Option(names = {"-n", "--tail"}, paramLabel = "N", description = "Only the last N lines.")
    Integer tail;
    @Option(names = {"-t", "--timestamps"}, description = "Prefix each line with its timestamp.")
    boolean timestamps;
    @Parameters(paramLabel = "CONTAINER") String ref;

    ManagedLogs(Cli cli) {
        this.cli = cli;
    }

    @Override
    public void run() {
        if (tail != null && tail < 0) {
            throw new InvalidSpecException("--tail " + tail + ": expected how many of the last lines, a whole number "
                    + ">= 0");
        }
        String path = "/containers/" + ApiClient.segment(ref) + "/logs?follow=" + follow + "&timestamps=" + timestamps
                + (tail == null ? "" : "&tail=" + tail);
        api.client().stream(path, line -> {
            cli.out().println(line);
            cli.out().flush();
        });
    }
}
