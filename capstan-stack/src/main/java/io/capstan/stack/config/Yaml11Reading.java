package io.capstan.stack.config;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a plain scalar means to PyYAML (YAML 1.1), the reader the reference stack framework and code in its
 * containers use, where that differs from what it means to Capstan (YAML 1.2's core schema): {@code NO} is a
 * boolean there and a string here, {@code 1:30} the number 90 there, {@code 010} is 8 there and 10 here,
 * {@code 1e3} a string there and a number here.
 */
final class Yaml11Reading {
    private record Type(String description, Pattern pattern) {
    }

    /** PyYAML's implicit resolvers, in the order it tries them. */
    private static final List<Type> TYPES = List.of(
            new Type("a boolean", Pattern.compile("yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF")),
            new Type("a number", Pattern.compile("[-+]?[0-9][0-9_]*\\.[0-9_]*([eE][-+][0-9]+)?|\\.[0-9][0-9_]*([eE][-+][0-9]+)?"
                    + "|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\\.[0-9_]*|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)")),
            new Type("a number", Pattern.compile("[-+]?0b[01_]+|[-+]?0[0-7_]+|[-+]?(0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+"
                    + "|[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+")),
            new Type("null", Pattern.compile("~|null|Null|NULL|")),
            new Type("a date", Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt]|[ \\t]+)"
                    + "[0-9]{1,2}:[0-9]{2}:[0-9]{2}(\\.[0-9]*)?([ \\t]*(Z|[-+][0-9]{1,2}(:[0-9]{2})?))?")),
            new Type("an error (a YAML 1.1 merge or value type, which PyYAML cannot read as a value)", Pattern.compile("<<|=")));
    private static final Pattern OCTAL = Pattern.compile("[-+]?0[0-9]+");

    private Yaml11Reading() {
    }

    /** Whether PyYAML reads {@code plain}, written as a plain scalar, as a string. */
    static boolean readsAsString(String plain) {
        return type(plain) == null;
    }

    /** PyYAML's type for a plain scalar, described; null for a string. */
    private static String type(String plain) {
        return TYPES.stream().filter(t -> t.pattern().matcher(plain).matches()).findFirst()
                .map(Type::description).orElse(null);
    }

    /**
     * How PyYAML reads {@code plain} when that differs from {@code yaml12Value}, Capstan's reading of it: "a
     * boolean", "the string '1e3'", ...; empty when both agree.
     */
    static Optional<String> differently(String plain, Object yaml12Value) {
        String yaml11 = type(plain);
        boolean agrees = switch (yaml12Value) {
            case String s -> yaml11 == null;
            case Boolean b -> "a boolean".equals(yaml11);
            case Number n -> "a number".equals(yaml11) && !OCTAL.matcher(plain).matches();
            case null -> "null".equals(yaml11);
            default -> true;
        };
        if (agrees) {
            return Optional.empty();
        }
        if (yaml11 == null) {
            return Optional.of("the string '" + plain + "'");
        }
        return Optional.of(OCTAL.matcher(plain).matches() && yaml12Value instanceof Number ? "an octal number" : yaml11);
    }
}
