package io.capstan.stack.compose;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A command run in a service's container through the engine's exec: {@code post_start} after the container
 * starts, {@code pre_stop} before it is stopped.
 *
 * @param command     the program and its arguments
 * @param user        {@code USER[:GROUP]} to run as, or null for the container's user
 * @param privileged  run with every privilege
 * @param workingDir  the directory to run in, or null for the container's
 * @param environment variables added to the container's for the command
 */
public record Hook(List<String> command, String user, boolean privileged, String workingDir, Map<String, String> environment) {
    public Hook {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
    }

    /** The hook as {@code config} prints it: keys left to their default are left out. */
    Map<String, Object> config() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("command", command);
        ComposeConfig.putIfPresent(out, "user", user);
        ComposeConfig.putIfPresent(out, "privileged", privileged ? true : null);
        ComposeConfig.putIfPresent(out, "working_dir", workingDir);
        ComposeConfig.putIfPresent(out, "environment", environment.isEmpty() ? null : new TreeMap<>(environment));
        return out;
    }

    /** A service's hooks, each list in the order the file gives them. */
    public record Hooks(List<Hook> postStart, List<Hook> preStop) {
        public static final Hooks NONE = new Hooks(List.of(), List.of());

        public Hooks {
            postStart = List.copyOf(postStart);
            preStop = List.copyOf(preStop);
        }
    }
}
