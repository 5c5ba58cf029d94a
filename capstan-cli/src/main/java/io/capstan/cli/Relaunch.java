package io.capstan.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed command, to be run again in a child process with the same meaning. Every option that has a value, of
 * the command and of the commands above it, is passed on as {@code --name=value}, read from picocli's model rather
 * than listed by hand, so that an option added later cannot be forgotten.
 *
 * @param arguments   the child's arguments, after the launcher
 * @param environment variables to add to the child's environment
 */
record Relaunch(List<String> arguments, Map<String, String> environment) {

    /**
     * @param command       the parsed command (inside the whole command tree, so that its name and its parents'
     *                      options are passed on too)
     * @param dropped       options that this run acts on and the child must not see (such as {@code --detach})
     * @param viaEnvironment options passed through the given environment variable instead, so that their values
     *                      do not show on the child's command line (a password in {@code ps})
     */
    static Relaunch of(CommandSpec command, Set<String> dropped, Map<String, String> viaEnvironment) {
        List<CommandSpec> chain = new ArrayList<>();
        for (CommandSpec spec = command; spec != null; spec = spec.parent()) {
            chain.addFirst(spec);
        }
        List<String> arguments = new ArrayList<>();
        Map<String, String> environment = new LinkedHashMap<>();
        for (CommandSpec spec : chain) {
            if (spec.parent() != null) {
                arguments.add(spec.name());
            }
            for (OptionSpec option : spec.options()) {
                String name = option.longestName();
                Object value = option.getValue();
                if (option.usageHelp() || option.versionHelp() || dropped.contains(name) || value == null) {
                    continue;
                }
                if (viaEnvironment.containsKey(name)) {
                    environment.put(viaEnvironment.get(name), String.valueOf(value));
                } else if (value instanceof Boolean flag) {
                    if (flag) {
                        arguments.add(name);
                    }
                } else if (value instanceof Collection<?> values) {
                    values.forEach(v -> arguments.add(name + "=" + v));
                } else {
                    arguments.add(name + "=" + value);
                }
            }
        }
        return new Relaunch(List.copyOf(arguments), Map.copyOf(environment));
    }
}
