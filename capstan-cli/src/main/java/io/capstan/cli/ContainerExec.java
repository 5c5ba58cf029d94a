package io.capstan.cli;

import io.capstan.core.engine.ExecOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "exec", description = {
        "Run a command inside a running container and exit with its exit code. Its output is passed through as it "
                + "comes; with -i your input is its input, to the end; with -t it gets a terminal."},
        footer = {"", "Examples:",
                "  capstan containers exec web ls -l /",
                "  capstan containers exec -e MODE=debug -u 65534 -w /tmp web sh -c 'id; pwd'",
                "  echo hello | capstan containers exec -i web cat",
                "  capstan containers exec -it web sh"})
final class ContainerExec implements Callable<Integer> {
    private final Cli cli;

    @Option(names = {"-i", "--interactive"}, description = "Pass standard input to the command.")
    boolean interactive;

    @Option(names = {"-t", "--tty"}, description = "Give the command a terminal (standard input must be one).")
    boolean tty;

    @Option(names = {"-e", "--env"}, paramLabel = "KEY=VALUE",
            description = "Set an environment variable; KEY alone passes this shell's value.")
    List<String> env = new ArrayList<>();

    @Option(names = {"-u", "--user"}, paramLabel = "USER[:GROUP]", description = "Run as this user (name or id).")
    String user;

    @Option(names = {"-w", "--workdir"}, paramLabel = "DIR", description = "Run in this directory.")
    String workdir;

    @Parameters(index = "0", paramLabel = "CONTAINER")
    String ref;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "COMMAND", description = "The program and its arguments.")
    List<String> command = new ArrayList<>();

    ContainerExec(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        Map<String, String> variables = EnvAssignments.parse(env, System.getenv());
        ContainersCommand.owned(cli, ref);
        ExecOptions options = new ExecOptions(command, variables, user, workdir, tty);
        Cli.Bytes bytes = cli.bytes();
        if (!tty) {
            return cli.engine().containers().exec(ref, options, interactive ? bytes.in() : null, bytes.out(), bytes.err());
        }
        try (RawTerminal terminal = RawTerminal.enter()) {
            return cli.engine().containers().exec(ref, options, interactive ? bytes.in() : null, bytes.out(), bytes.err());
        }
    }
}
