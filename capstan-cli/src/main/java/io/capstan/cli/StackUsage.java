package io.capstan.cli;

import io.capstan.core.error.InvalidSpecException;
import picocli.CommandLine.Model.OptionSpec;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Which verbs of {@code capstan CONFIG VERB} take which options and service names; the rest is refused. */
final class StackUsage {
    static final List<String> VERBS = List.of("up", "down", "stop", "start", "restart", "clean", "rebuild", "ps", "logs",
            "stats", "exec", "plan", "config", "render");
    /** "up, down, ... plan or config" */
    static final String VERB_CHOICES = String.join(", ", VERBS.subList(0, VERBS.size() - 1)) + " or " + VERBS.getLast();
    /** Verbs taking service names ({@code exec} exactly one, then the command). */
    static final Set<String> WITH_SERVICES = Set.of("up", "stop", "start", "restart", "ps", "logs", "stats", "exec");
    /** The verbs each option applies to, by the option's longest name; options not listed apply to every verb. */
    private static final Map<String, List<String>> OPTION_VERBS = Map.ofEntries(
            Map.entry("--detach", List.of("up", "rebuild")),
            Map.entry("--wait", List.of("up", "rebuild")),
            Map.entry("--build", List.of("up")),
            Map.entry("--remove-orphans", List.of("up")),
            Map.entry("--rollback", List.of("up", "rebuild")),
            Map.entry("--timeout", List.of("up", "down", "stop", "restart", "clean", "rebuild")),
            Map.entry("--volumes", List.of("down")),
            Map.entry("--target", java.util.stream.Stream.concat(StackOnSwarm.VERBS.stream(), java.util.stream.Stream.of("render")).toList()),
            Map.entry("--output", List.of("render")),
            Map.entry("--prune", List.of("up", "plan")),
            Map.entry("--kubeconfig", StackOnSwarm.VERBS),
            Map.entry("--context", StackOnSwarm.VERBS),
            Map.entry("--namespace", StackOnSwarm.VERBS),
            Map.entry("--follow", List.of("logs")),
            Map.entry("--tail", List.of("logs")),
            Map.entry("--since", List.of("logs")),
            Map.entry("--timestamps", List.of("logs")),
            Map.entry("--all", List.of("ps")),
            Map.entry("--no-stream", List.of("stats")),
            Map.entry("--no-TTY", List.of("exec")),
            Map.entry("--env", List.of("exec")),
            Map.entry("--user", List.of("exec")),
            Map.entry("--workdir", List.of("exec")),
            Map.entry("--index", List.of("exec")));

    private StackUsage() {
    }

    /** Refuses, in one line, an option or service names that {@code verb} (null: none) does not take. */
    static void check(String verb, Collection<OptionSpec> matched, List<String> services) {
        String v = verb == null ? "" : verb;
        for (OptionSpec option : matched) {
            List<String> verbs = OPTION_VERBS.get(option.longestName());
            if (verbs != null && !verbs.contains(v)) {
                throw new InvalidSpecException(option.shortestName() + " is accepted only with " + words(verbs)
                        + (v.isEmpty() ? "" : ", not with " + v));
            }
        }
        if (!services.isEmpty() && !WITH_SERVICES.contains(v)) {
            throw new InvalidSpecException("service names are accepted only with " + words(VERBS.stream()
                    .filter(WITH_SERVICES::contains).toList()) + ": unexpected '" + services.getFirst() + "'");
        }
        if (v.equals("exec") && services.size() < 2) {
            throw new InvalidSpecException("exec needs a service and a command: capstan CONFIG exec SERVICE COMMAND...");
        }
    }

    /** "a, b and c" */
    static String words(List<String> items) {
        return items.size() == 1 ? items.getFirst()
                : String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.getLast();
    }
}
