package io.capstan.stack.config;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Which variable names hold secrets: globs such as {@code *KEY*}, matched without regard to case. The config
 * key {@code secret_patterns} replaces the defaults.
 */
public final class SecretNames implements Predicate<String> {
    public static final List<String> DEFAULT_PATTERNS = List.of("*KEY*", "*TOKEN*", "*SECRET*", "*PASSWORD*");

    private final List<Pattern> patterns;

    public SecretNames(List<String> globs) {
        this.patterns = globs.stream().map(SecretNames::compile).toList();
    }

    /** The secret names of a loaded stack config: its {@code secret_patterns} (checked when it was loaded), else the defaults. */
    public static SecretNames of(StackConfig config) {
        return new SecretNames(config.values().get("secret_patterns") instanceof List<?> globs
                ? globs.stream().map(String::valueOf).toList() : DEFAULT_PATTERNS);
    }

    private static Pattern compile(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
    }

    @Override
    public boolean test(String name) {
        return patterns.stream().anyMatch(p -> p.matcher(name).matches());
    }
}
