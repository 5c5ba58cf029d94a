package io.capstan.cli;

import io.capstan.core.error.InvalidSpecException;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The verb's options and service names as {@code --via}'s tool takes them: Capstan's stack options are Compose's,
 * so each option given is passed on by its Compose name with its value, then the service names. What the tool lacks
 * is refused in one line naming it, before anything runs.
 */
final class ViaArguments {
    /** Capstan's own options, not the verb's: never passed on. */
    private static final Set<String> CAPSTAN_OPTIONS = Set.of("--via", "--profile", "--lenient", "--format");
    /** Compose's spelling where it differs from Capstan's longest name (docker-compose 1.x knows only -T). */
    private static final Map<String, String> COMPOSE_NAMES = Map.of("--no-TTY", "-T");
    /** What docker-compose 1.x (the Python tool) does not have, by verb or option; 'docker compose' has them all. */
    private static final Map<String, String> MISSING_IN_V1 = Map.of(
            "stats", "docker-compose 1.x has no stats command (use 'docker compose' v2, or Capstan without --via)",
            "--since", "docker-compose 1.x logs has no --since (it has --tail)",
            "--wait", "docker-compose 1.x up has no --wait");

    private ViaArguments() {
    }

    /**
     * The options given (in the order given) and then the service names, as Compose spells them. Without a terminal,
     * exec gets {@code -T}, as Capstan's own exec streams then (the tool would refuse: "not a TTY").
     */
    static List<String> of(String verb, Collection<OptionSpec> matched, List<String> services, boolean terminal) {
        List<String> arguments = new ArrayList<>();
        for (OptionSpec option : matched) {
            String name = option.longestName();
            if (CAPSTAN_OPTIONS.contains(name)) {
                continue;
            }
            if (name.equals("--rollback")) {
                throw new InvalidSpecException("--rollback is Capstan's own: compose tools have no rollback, so it "
                        + "cannot be used with --via");
            }
            String composeName = COMPOSE_NAMES.getOrDefault(name, name);
            if (option.arity().max() == 0) {
                arguments.add(composeName);
            } else {
                option.originalStringValues().forEach(value -> arguments.addAll(List.of(composeName, value)));
            }
        }
        if ("exec".equals(verb)) {
            if (!terminal && !arguments.contains("-T")) {
                arguments.add("-T");
            }
            arguments.add("--"); // the command's own options are not the tool's
        }
        arguments.addAll(services);
        return arguments;
    }

    /** Refuses {@code verb} with {@code arguments} when {@code tool} lacks the verb or one of the options. */
    static void refuseMissing(List<String> tool, String verb, List<String> arguments) {
        if (!tool.equals(List.of("docker-compose"))) {
            return;
        }
        if (MISSING_IN_V1.containsKey(verb)) {
            throw new InvalidSpecException(verb + " cannot be run --via docker here: " + MISSING_IN_V1.get(verb));
        }
        for (String argument : arguments) {
            if (argument.equals("--")) {
                return;
            }
            if (MISSING_IN_V1.containsKey(argument)) {
                throw new InvalidSpecException(argument + " cannot be used --via docker here: " + MISSING_IN_V1.get(argument));
            }
        }
    }
}
