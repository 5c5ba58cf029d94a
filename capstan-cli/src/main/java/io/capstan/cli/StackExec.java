package io.capstan.cli;

import io.capstan.core.engine.ExecOptions;
import io.capstan.core.model.ContainerSummary;
import io.capstan.stack.compose.ComposeProject;
import io.capstan.stack.run.ServiceSelection;
import io.capstan.stack.run.StackContainers;

import java.util.List;

/**
 * {@code capstan CONFIG exec SERVICE COMMAND...}: runs the command in the service's container and returns its exit
 * code. As {@code docker compose exec}: with a terminal when standard input is one (unless -T), your input is always
 * the command's input.
 */
final class StackExec {
    private StackExec() {
    }

    /** @param serviceAndCommand the service, then the program and its arguments */
    static int run(Cli cli, ComposeProject project, StackExecOptions options, List<String> serviceAndCommand) {
        String service = serviceAndCommand.getFirst();
        ServiceSelection.of(project, List.of(service));
        ContainerSummary container = new StackContainers(cli.engine(), project).running(service, options.index);
        boolean tty = !options.noTty && RawTerminal.standardInputIsOne();
        ExecOptions exec = new ExecOptions(serviceAndCommand.subList(1, serviceAndCommand.size()),
                EnvAssignments.parse(options.env, System.getenv()), options.user, options.workdir, tty);
        Cli.Bytes bytes = cli.bytes();
        if (!tty) {
            return cli.engine().containers().exec(container.id(), exec, bytes.in(), bytes.out(), bytes.err());
        }
        try (RawTerminal terminal = RawTerminal.enter()) {
            return cli.engine().containers().exec(container.id(), exec, bytes.in(), bytes.out(), bytes.err());
        }
    }
}
