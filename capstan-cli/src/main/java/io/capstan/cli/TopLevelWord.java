package io.capstan.cli;

import io.capstan.core.text.EditDistance;
import picocli.CommandLine.Command;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The first word of {@code capstan WORD ...} that is not a command: a stack's config file (the seed's
 * {@code capstan CONFIG VERB} form) when it names an existing file or looks like a path or a YAML file, otherwise an
 * unknown command.
 */
final class TopLevelWord {
    private TopLevelWord() {
    }

    /** An existing file, or a word containing '/' or ending in .yml or .yaml (a config file that is missing). */
    static boolean namesConfigFile(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        if (word.contains("/") || lower.endsWith(".yml") || lower.endsWith(".yaml")) {
            return true;
        }
        try {
            return Files.isRegularFile(Path.of(word));
        } catch (InvalidPathException notAPath) {
            return false;
        }
    }

    /** {@code unknown command 'contaners' (did you mean 'containers'?)}, with a suggestion when one is near. */
    static String unknown(String word, List<Class<?>> commands) {
        List<String> near = new ArrayList<>();
        for (Class<?> type : commands) {
            Command command = type.getAnnotation(Command.class);
            if (!command.hidden() && EditDistance.between(word, command.name()) <= Math.min(2, command.name().length() / 3)) {
                near.add(command.name());
            }
        }
        if (near.isEmpty()) {
            for (Class<?> type : commands) {
                Command group = type.getAnnotation(Command.class);
                for (Class<?> sub : group.subcommands()) {
                    Command command = sub.getAnnotation(Command.class);
                    if (command != null && (command.name().equals(word) || List.of(command.aliases()).contains(word))) {
                        near.add(group.name() + " " + word);
                    }
                }
            }
        }
        if (near.isEmpty() && StackUsage.VERBS.contains(word)) {
            near.add("capstan CONFIG " + word);
        }
        String hint = near.isEmpty() ? "see 'capstan --help'"
                : "did you mean " + String.join(" or ", near.stream().map(n -> "'" + n + "'").toList()) + "?";
        return "unknown command '" + word + "' (" + hint + ")";
    }
}
