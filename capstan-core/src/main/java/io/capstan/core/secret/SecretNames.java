package io.capstan.core.secret;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Which variables hold secrets: names matching globs such as {@code *KEY*} (without regard to case), and, whatever
 * the globs, a {@code *_URL} variable whose value carries a password ({@code scheme://user:pass@host}). One rule for
 * every place that keeps secret values out of sight: stack messages and generated files, and the server's reads.
 */
public final class SecretNames implements Predicate<String> {
    public static final List<String> DEFAULT_PATTERNS = List.of("*KEY*", "*TOKEN*", "*SECRET*", "*PASSWORD*", "*PASS*",
            "*DSN*", "*CREDENTIAL*");
    /** Nothing is a secret: for reading compose files to run them. */
    public static final SecretNames NONE = new SecretNames(List.of(), false);
    /** The default globs and URLs with a password. */
    public static final SecretNames DEFAULTS = new SecretNames(DEFAULT_PATTERNS);

    private static final Pattern URL_WITH_PASSWORD = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://[^/?#@:\\s]*:[^/?#@\\s]+@.*",
            Pattern.DOTALL);

    private final List<Pattern> patterns;
    private final boolean urlPasswords;

    /** Secrets named by these globs, and {@code *_URL} variables whose value has a password. */
    public SecretNames(List<String> globs) {
        this(globs, true);
    }

    private SecretNames(List<String> globs, boolean urlPasswords) {
        this.patterns = globs.stream().map(SecretNames::compile).toList();
        this.urlPasswords = urlPasswords;
    }

    /** The globs in effect: the defaults plus the configured ones, or only the configured ones when they replace. */
    public static List<String> globs(List<String> configured, boolean replace) {
        if (replace) {
            return List.copyOf(configured);
        }
        List<String> globs = new ArrayList<>(DEFAULT_PATTERNS);
        configured.stream().filter(g -> !globs.contains(g)).forEach(globs::add);
        return globs;
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

    /** Whether the name alone says the variable is a secret. */
    @Override
    public boolean test(String name) {
        return patterns.stream().anyMatch(p -> p.matcher(name).matches());
    }

    /** Whether a variable is a secret, by its name or, for a URL, by its value. */
    public boolean isSecret(String name, String value) {
        return test(name) || urlPasswords && isUrlName(name) && value != null && URL_WITH_PASSWORD.matcher(value).matches();
    }

    private static boolean isUrlName(String name) {
        return name.length() > 4 && name.regionMatches(true, name.length() - 4, "_URL", 0, 4);
    }
}
