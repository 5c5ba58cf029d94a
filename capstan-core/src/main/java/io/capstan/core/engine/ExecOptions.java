package io.capstan.core.engine;

import java.util.List;
import java.util.Map;

/**
 * A command to run inside a running container.
 *
 * @param command    the program and its arguments (required)
 * @param env        extra environment variables for the command
 * @param user       {@code USER[:GROUP]} to run as (null: the container's user)
 * @param workingDir the directory to run in (null: the container's)
 * @param tty        give the command a terminal: its output is one raw stream, as a terminal shows it
 * @param privileged run the command with every privilege, whatever the container's
 */
public record ExecOptions(List<String> command, Map<String, String> env, String user, String workingDir, boolean tty,
                          boolean privileged) {
    public ExecOptions {
        if (command == null || command.isEmpty()) {
            throw new IllegalArgumentException("exec needs a command");
        }
        command = List.copyOf(command);
        env = env == null ? Map.of() : Map.copyOf(env);
    }

    public ExecOptions(List<String> command, Map<String, String> env, String user, String workingDir, boolean tty) {
        this(command, env, user, workingDir, tty, false);
    }

    public static ExecOptions of(String... command) {
        return new ExecOptions(List.of(command), Map.of(), null, null, false);
    }
}
