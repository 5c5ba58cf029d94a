package io.capstan.cli;

import io.capstan.core.error.CapstanException;
import io.capstan.core.engine.Engines;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.nio.charset.StandardCharsets;

/** The {@code capstan} command: exit 0 on success, 1 when the work failed, 2 for a usage error. */
public final class Main {
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    /** Columns help is laid out in; examples are written to fit it unbroken. */
    static final int HELP_WIDTH = 100;

    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        int code;
        try (Cli cli = new Cli(out, err, Engines.discover())) {
            code = run(cli, args);
        }
        System.exit(code);
    }

    /** Runs one invocation against {@code cli}; tests call this directly. */
    public static int run(Cli cli, String... args) {
        var kernelLaunch = KernelLaunchArguments.of(args);
        if (kernelLaunch.isPresent()) {
            return kernelLaunch.get().run(cli); // picocli's model is not built: see KernelLaunchArguments
        }
        String word = commandWord(args);
        if (word != null && !Subcommands.NAMES.containsKey(word) && !TopLevelWord.namesConfigFile(word)) {
            if (!word.equals("version")) {
                cli.err().println("capstan: " + TopLevelWord.unknown(word, CapstanCommand.SUBCOMMANDS));
                return USAGE;
            }
            args = args.clone();
            args[commandIndex(args)] = "--version"; // as docker version
        }
        String[] full = withStackForm(args);
        String named = commandWord(full);
        if (StackCommand.NAME.equals(named)) {
            full = StackArguments.prepare(full, commandIndex(full));
        }
        return commandLine(cli, named != null && Subcommands.NAMES.containsKey(named) ? named : null).execute(full);
    }

    /** Subcommand names (and aliases) to their classes, read from their annotations when first needed. */
    private static final class Subcommands {
        static final Map<String, Class<?>> NAMES = subcommandNames();
    }

    private static Map<String, Class<?>> subcommandNames() {
        Map<String, Class<?>> names = new LinkedHashMap<>();
        for (Class<?> type : CapstanCommand.SUBCOMMANDS) {
            Command command = type.getAnnotation(Command.class);
            names.put(command.name(), type);
            for (String alias : command.aliases()) {
                names.put(alias, type);
            }
        }
        return names;
    }

    /** Where the first word after the top-level options is (args.length when there is none). */
    private static int commandIndex(String[] args) {
        int first = 0;
        while (first < args.length && args[first].startsWith("-")) {
            first += args[first].equals("--engine") ? 2 : 1;
        }
        return Math.min(first, args.length);
    }

    private static String commandWord(String[] args) {
        int index = commandIndex(args);
        return index < args.length ? args[index] : null;
    }

    /**
     * {@code capstan [--engine E] [--debug] CONFIG [VERB]}, the seed's form, is {@code capstan ... stack CONFIG [VERB]}:
     * the first word after the top-level options that is not a command names a config file ({@link Main#run} has
     * refused words that do not look like one).
     */
    static String[] withStackForm(String[] args) {
        String word = commandWord(args);
        if (word == null || Subcommands.NAMES.containsKey(word)) {
            return args;
        }
        List<String> rewritten = new ArrayList<>(List.of(args));
        rewritten.add(commandIndex(args), StackCommand.NAME);
        return rewritten.toArray(String[]::new);
    }

    /** The whole command tree: what help and the tests see. */
    static CommandLine commandLine(Cli cli) {
        return commandLine(cli, null);
    }

    /**
     * The command tree with only {@code subcommand} below the top (all of them when null): building picocli's model
     * of every command costs more start-up time than the one command an invocation runs.
     */
    static CommandLine commandLine(Cli cli, String subcommand) {
        CliFactory factory = new CliFactory(cli);
        CommandLine commandLine = new CommandLine(new CapstanCommand(cli), factory);
        for (Class<?> type : CapstanCommand.SUBCOMMANDS) {
            if (subcommand == null || Subcommands.NAMES.get(subcommand) == type) {
                commandLine.addSubcommand(new CommandLine(type, factory));
            }
        }
        // As with docker run, everything after the image belongs to the container's command.
        CommandLine containers = commandLine.getSubcommands().get("containers");
        if (containers != null) {
            containers.getSubcommands().get("run").setStopAtPositional(true);
            containers.getSubcommands().get("create").setStopAtPositional(true);
            containers.getSubcommands().get("exec").setStopAtPositional(true);
        }
        CommandLine swarm = commandLine.getSubcommands().get("swarm");
        if (swarm != null) {
            swarm.getSubcommands().get("service").getSubcommands().get("create").setStopAtPositional(true);
        }
        CommandLine managed = commandLine.getSubcommands().get("managed");
        if (managed != null) {
            managed.getSubcommands().get("run").setStopAtPositional(true);
        }
        commandLine.registerConverter(Integer.class, new WholeNumber());
        commandLine.registerConverter(Integer.TYPE, new WholeNumber());
        addHelpOption(commandLine);
        commandLine.setUsageHelpWidth(HELP_WIDTH);
        commandLine.setOut(cli.out());
        commandLine.setErr(cli.err());
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            boolean debug = parsed.hasMatchedOption("--debug");
            if (debug) {
                e.printStackTrace(cli.err());
            }
            if (e instanceof CapstanException) {
                cli.err().println("capstan: " + e.getMessage());
            } else {
                cli.err().println("capstan: unexpected error: " + e + (debug ? "" : " (run with --debug for details)"));
            }
            return FAILED;
        });
        commandLine.setParameterExceptionHandler((e, args) -> {
            CommandLine cmd = e.getCommandLine();
            cli.err().println("capstan: " + e.getMessage());
            if (!(e.getCause() instanceof CommandLine.TypeConversionException)) {
                // A value that is not a number says what it should be; the rest point at the command's help.
                cli.err().println("See '" + cmd.getCommandSpec().qualifiedName() + " --help'.");
            }
            return USAGE;
        });
        return commandLine;
    }

    /** {@code -h/--help} on every subcommand (the top command has it from its standard options). */
    private static void addHelpOption(CommandLine commandLine) {
        for (CommandLine sub : commandLine.getSubcommands().values()) {
            if (sub.getCommandSpec().findOption("--help") == null) {
                sub.getCommandSpec().addOption(CommandLine.Model.OptionSpec.builder("-h", "--help")
                        .usageHelp(true).description("Show this help message and exit.").build());
            }
            addHelpOption(sub);
        }
    }

    /** Gives every command that wants one the invocation's {@link Cli}. */
    private record CliFactory(Cli cli) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                Constructor<K> withCli = type.getDeclaredConstructor(Cli.class);
                return withCli.newInstance(cli);
            } catch (NoSuchMethodException noCliNeeded) {
                return CommandLine.defaultFactory().create(type);
            }
        }
    }
}
