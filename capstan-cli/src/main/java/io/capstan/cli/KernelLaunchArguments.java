package io.capstan.cli;

import io.capstan.core.error.CapstanException;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code capstan kernel launch --connection-file FILE --spec-dir DIR [--kernel-id ID]}, what a Jupyter client runs for
 * every kernel it starts, read without picocli. Picocli's classes are compiled for Java 5, which the JVM's class
 * archive cannot hold, so building its model of a command costs each launch about a quarter of a second of a kernel's
 * start. Any other form (help, another option, a value missing or given twice) goes through picocli as every command
 * does, with its usual messages.
 *
 * @param kernelId null when not given
 */
record KernelLaunchArguments(Path connectionFile, Path specDir, String kernelId) {
    private static final Set<String> OPTIONS = Set.of("--connection-file", "--spec-dir", "--kernel-id");

    /** The launch's options when {@code args} are exactly such a launch, else empty. */
    static Optional<KernelLaunchArguments> of(String... args) {
        if (args.length < 2 || !args[0].equals("kernel") || !args[1].equals("launch")) {
            return Optional.empty();
        }
        Map<String, String> values = new HashMap<>();
        for (int i = 2; i < args.length; i++) {
            String name = args[i];
            String value;
            int equals = name.indexOf('=');
            if (equals > 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                return Optional.empty();
            }
            if (!OPTIONS.contains(name) || value.isEmpty() || value.startsWith("-") || values.put(name, value) != null) {
                return Optional.empty();
            }
        }
        if (!values.containsKey("--connection-file") || !values.containsKey("--spec-dir")) {
            return Optional.empty();
        }
        return Optional.of(new KernelLaunchArguments(Path.of(values.get("--connection-file")),
                Path.of(values.get("--spec-dir")), values.get("--kernel-id")));
    }

    /** Runs the launch as picocli would: its exit code, a failure reported in one line. */
    int run(Cli cli) {
        KernelLaunchCommand command = new KernelLaunchCommand(cli);
        command.connectionFile = connectionFile;
        command.specDir = specDir;
        command.kernelId = kernelId;
        try {
            return command.call();
        } catch (CapstanException e) {
            cli.err().println("capstan: " + e.getMessage());
        } catch (InterruptedException | RuntimeException e) {
            cli.err().println("capstan: unexpected error: " + e + " (run with --debug for details)");
        }
        return Main.FAILED;
    }
}
