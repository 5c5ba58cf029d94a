package io.capstan.cli;

import io.capstan.core.error.InvalidSpecException;
import io.capstan.stack.GeneratedStack;
import io.capstan.stack.StackGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = StackCommand.NAME,
        description = {"Generate a stack's build directory from its config file (also written 'capstan CONFIG').",
                "Loads CONFIG with its imports, applications and .env, renders every deployed service's "
                        + "docker-compose.yml.j2, and replaces the build directory only when all of it succeeded."},
        footer = {"", "Examples:",
                "  capstan examples/demo/config.yml",
                "  capstan stack --lenient examples/demo/config.yml"})
final class StackCommand implements Callable<Integer> {
    static final String NAME = "stack";

    private final Cli cli;

    @Parameters(index = "0", paramLabel = "CONFIG", description = "The stack's main config file.")
    Path config;

    @Parameters(index = "1", arity = "0..1", paramLabel = "VERB",
            description = "Nothing yet: this version only generates the build directory.")
    String verb;

    @Option(names = "--lenient", description = "Render undefined template values as empty text (Jinja2's default) "
            + "instead of failing.")
    boolean lenient;

    StackCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        if (verb != null) {
            throw new InvalidSpecException("'" + verb + "': this version of capstan only generates stacks "
                    + "('capstan " + config + "'); running them (up, down, clean, rebuild) is not built yet");
        }
        GeneratedStack stack = new StackGenerator(System.getenv(), lenient).generate(config);
        stack.warnings().forEach(w -> cli.err().println("capstan: warning: " + w));
        cli.out().println("Generated compose files:");
        Path cwd = Path.of("").toAbsolutePath();
        stack.composeFiles().forEach(f -> cli.out().println(" - " + (f.startsWith(cwd) ? cwd.relativize(f) : f)));
        return 0;
    }
}
