package io.capstan.cli;

import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/** The options of {@code capstan CONFIG exec}, as {@code docker compose exec} has them. */
final class StackExecOptions {
    @Option(names = {"-T", "--no-TTY"}, description = "With exec: no terminal, even when standard input is one.")
    boolean noTty;

    @Option(names = {"-e", "--env"}, paramLabel = "KEY[=VALUE]",
            description = "With exec: set an environment variable; KEY alone copies it from Capstan's environment.")
    List<String> env = new ArrayList<>();

    @Option(names = {"-u", "--user"}, paramLabel = "USER[:GROUP]", description = "With exec: run as this user.")
    String user;

    @Option(names = {"-w", "--workdir"}, paramLabel = "DIR", description = "With exec: run in this directory.")
    String workdir;

    @Option(names = "--index", paramLabel = "N", defaultValue = "1",
            description = "With exec: the service's Nth container (default 1).")
    int index;
}
