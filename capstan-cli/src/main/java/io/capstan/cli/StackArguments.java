package io.capstan.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Prepares {@code stack CONFIG VERB ...} for picocli, which parses every verb's options together: what only the verb
 * can tell apart is settled first.
 * <ul>
 * <li>{@code exec SERVICE COMMAND...}: everything after SERVICE is the command's ({@code exec web ls -l} passes
 * {@code -l} to ls), so a {@code --} goes in after SERVICE;</li>
 * <li>{@code logs -t} means {@code --timestamps}, as in Compose; elsewhere {@code -t} is the stop timeout.</li>
 * </ul>
 */
final class StackArguments {
    private StackArguments() {
    }

    /** {@code args} from the {@code stack} word on ({@code args[from]} is "stack"), prepared; the rest as it was. */
    static String[] prepare(String[] args, int from) {
        Set<String> takingValues = optionsTakingValues(StackCommand.class);
        List<String> result = new ArrayList<>(List.of(args).subList(0, from + 1));
        int positionals = 0;
        String verb = null;
        for (int i = from + 1; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                result.addAll(List.of(args).subList(i, args.length));
                break;
            }
            if ("logs".equals(verb) && arg.equals("-t")) {
                result.add("--timestamps");
                continue;
            }
            result.add(arg);
            if (arg.startsWith("-") && arg.length() > 1) {
                if (takingValues.contains(arg) && i + 1 < args.length) {
                    result.add(args[++i]);
                }
                continue;
            }
            positionals++;
            if (positionals == 2) {
                verb = arg;
            } else if (positionals == 3 && "exec".equals(verb)) {
                result.add("--");
                result.addAll(List.of(args).subList(i + 1, args.length));
                break;
            }
        }
        return result.toArray(String[]::new);
    }

    /** The names of the options of {@code type} (and of its mixins) that take a value. */
    private static Set<String> optionsTakingValues(Class<?> type) {
        Set<String> names = new HashSet<>();
        for (Field field : type.getDeclaredFields()) {
            Option option = field.getAnnotation(Option.class);
            if (option != null && field.getType() != boolean.class) {
                names.addAll(List.of(option.names()));
            }
            if (field.getAnnotation(Mixin.class) != null) {
                names.addAll(optionsTakingValues(field.getType()));
            }
        }
        return names;
    }
}
