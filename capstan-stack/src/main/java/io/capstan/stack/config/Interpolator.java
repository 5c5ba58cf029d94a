package io.capstan.stack.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Expands variables in every string of a config tree: {@code ${VAR}}, {@code $VAR}, {@code ${VAR:-default}}
 * (default when unset or empty), {@code ${VAR-default}} (when unset), {@code ${VAR:+alternative}} (the alternative
 * when set and not empty, else empty text), {@code ${VAR+alternative}} (when set), and {@code $$} for a literal
 * {@code $}. A variable that is unset and has no default is left as written and reported once, with where it was
 * used.
 *
 * {@code ${VAR:?message}} (unset or empty) and {@code ${VAR?message}} (unset) are errors.
 *
 * <p>It yields two trees in one pass: the expanded one, and a masked one for files written to disk, in which
 * every value taken from a secret-looking variable is still the reference {@code ${VAR}}.
 */
public final class Interpolator {
    /** What an unset variable without a default becomes. */
    public enum Unset {
        /** stays as written, as a stack config keeps it for compose to resolve later */
        KEEP,
        /** becomes empty text, as Docker Compose does */
        BLANK
    }

    /** A {@code ${VAR:?message}} whose variable has no value; {@code path} is where it was used. */
    public static final class MissingVariable extends RuntimeException {
        private final String path;

        MissingVariable(String name, String message, String path) {
            super("required variable " + name + " is missing a value" + (message.isEmpty() ? "" : ": " + message));
            this.path = path;
        }

        public String path() {
            return path;
        }
    }

    private final Map<String, String> environment;
    /** (name, value): whether a variable's value is a secret */
    private final BiPredicate<String, String> isSecret;
    private final Unset unsetPolicy;
    private final Map<String, List<String>> unset = new LinkedHashMap<>();
    private final Set<SecretReference> secrets = new LinkedHashSet<>();

    public Interpolator(Map<String, String> environment, BiPredicate<String, String> isSecret) {
        this(environment, isSecret, Unset.KEEP);
    }

    public Interpolator(Map<String, String> environment, BiPredicate<String, String> isSecret, Unset unsetPolicy) {
        this.environment = environment;
        this.isSecret = isSecret;
        this.unsetPolicy = unsetPolicy;
    }

    public record Result(Object expanded, Object masked) {
    }

    public Result apply(Object tree) {
        return walk(tree, "");
    }

    /** One line per variable that was used but is not set, naming the first key path it appeared at. */
    public List<String> warnings() {
        List<String> warnings = new ArrayList<>();
        String outcome = unsetPolicy == Unset.KEEP ? "left as written" : "using an empty string";
        unset.forEach((name, paths) -> warnings.add("variable " + name + " is not set and has no default (used at "
                + paths.getFirst() + "); " + outcome));
        return warnings;
    }

    /** Each variable that was used but is not set, with every key path it was used at, in order. */
    public Map<String, List<String>> unsetUses() {
        return unset;
    }

    /** Every place where the masked tree keeps a secret variable's reference instead of its value, in order. */
    public List<SecretReference> secretReferences() {
        return List.copyOf(secrets);
    }

    private Result walk(Object value, String path) {
        if (value instanceof YamlDocument.Override override) {
            Result inner = walk(override.value(), path);
            return new Result(new YamlDocument.Override(inner.expanded()), new YamlDocument.Override(inner.masked()));
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> expanded = new LinkedHashMap<>();
            Map<String, Object> masked = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                Result r = walk(v, path.isEmpty() ? String.valueOf(k) : path + "." + k);
                expanded.put(String.valueOf(k), r.expanded());
                masked.put(String.valueOf(k), r.masked());
            });
            return new Result(expanded, masked);
        }
        if (value instanceof List<?> list) {
            List<Object> expanded = new ArrayList<>(list.size());
            List<Object> masked = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                Result r = walk(list.get(i), path + "[" + i + "]");
                expanded.add(r.expanded());
                masked.add(r.masked());
            }
            return new Result(expanded, masked);
        }
        if (value instanceof String s && s.indexOf('$') >= 0) {
            StringBuilder expanded = new StringBuilder();
            StringBuilder masked = new StringBuilder();
            expand(s, path, expanded, masked);
            return new Result(expanded.toString(), masked.toString());
        }
        return new Result(value, value);
    }

    private void expand(String s, String path, StringBuilder expanded, StringBuilder masked) {
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != '$' || i + 1 >= s.length()) {
                expanded.append(c);
                masked.append(c);
                i++;
                continue;
            }
            char next = s.charAt(i + 1);
            if (next == '$') {
                expanded.append('$');
                masked.append('$');
                i += 2;
            } else if (next == '{') {
                int close = matchingBrace(s, i + 1);
                if (close < 0) {
                    expanded.append(s, i, s.length());
                    masked.append(s, i, s.length());
                    return;
                }
                braced(s.substring(i, close + 1), s.substring(i + 2, close), path, expanded, masked);
                i = close + 1;
            } else if (Character.isLetter(next) || next == '_') {
                int end = i + 1;
                while (end < s.length() && (Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '_')) {
                    end++;
                }
                variable(s.substring(i, end), s.substring(i + 1, end), path, expanded, masked);
                i = end;
            } else {
                expanded.append(c);
                masked.append(c);
                i++;
            }
        }
    }

    private void braced(String whole, String inner, String path, StringBuilder expanded, StringBuilder masked) {
        int nameEnd = 0;
        while (nameEnd < inner.length() && (Character.isLetterOrDigit(inner.charAt(nameEnd)) || inner.charAt(nameEnd) == '_')) {
            nameEnd++;
        }
        String name = inner.substring(0, nameEnd);
        String rest = inner.substring(nameEnd);
        if (name.isEmpty() || Character.isDigit(name.charAt(0))) {
            expanded.append(whole);
            masked.append(whole);
            return;
        }
        if (rest.isEmpty()) {
            variable(whole, name, path, expanded, masked);
            return;
        }
        boolean required = rest.startsWith(":?") || rest.startsWith("?");
        if (required) {
            String value = environment.get(name);
            boolean strict = rest.startsWith(":?");
            if (value == null || (strict && value.isEmpty())) {
                throw new MissingVariable(name, rest.substring(strict ? 2 : 1), path);
            }
            expanded.append(value);
            masked.append(maskedValue(name, value, path));
            return;
        }
        if (rest.startsWith(":+") || rest.startsWith("+")) {
            boolean strict = rest.startsWith(":+");
            String value = environment.get(name);
            if (value != null && !(strict && value.isEmpty())) {
                expand(rest.substring(strict ? 2 : 1), path, expanded, masked);
            }
            return;
        }
        boolean emptyCounts = rest.startsWith(":-");
        if (!emptyCounts && !rest.startsWith("-")) {
            expanded.append(whole);
            masked.append(whole);
            return;
        }
        String value = environment.get(name);
        boolean useDefault = value == null || (emptyCounts && value.isEmpty());
        if (useDefault) {
            expand(rest.substring(emptyCounts ? 2 : 1), path, expanded, masked);
        } else {
            expanded.append(value);
            masked.append(maskedValue(name, value, path));
        }
    }

    private void variable(String whole, String name, String path, StringBuilder expanded, StringBuilder masked) {
        String value = environment.get(name);
        if (value == null) {
            unset.computeIfAbsent(name, n -> new ArrayList<>()).add(path);
            String replacement = unsetPolicy == Unset.KEEP ? whole : "";
            expanded.append(replacement);
            masked.append(replacement);
        } else {
            expanded.append(value);
            masked.append(maskedValue(name, value, path));
        }
    }

    /** What the flattened config keeps for a variable that has a value: the value, or a secret's reference. */
    private String maskedValue(String name, String value, String path) {
        if (!isSecret.test(name, value)) {
            return value;
        }
        secrets.add(new SecretReference(path, name));
        return "${" + name + "}";
    }

    private static int matchingBrace(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            if (s.charAt(i) == '{') {
                depth++;
            } else if (s.charAt(i) == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
