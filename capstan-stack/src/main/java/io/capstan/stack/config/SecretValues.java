package io.capstan.stack.config;

import io.capstan.core.error.ConfigException;
import io.capstan.core.secret.SecretNames;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The values of the secret variables a stack can see (its environment and {@code .env}), to keep them out of
 * messages and to tell whether generated text holds one. In messages, values shorter than {@link #MIN_LENGTH}
 * characters cannot be told apart from ordinary text and are not replaced; words such as {@code true} never count.
 */
public final class SecretValues {
    static final int MIN_LENGTH = 4;
    private static final Set<String> ORDINARY = Set.of("true", "false", "yes", "no", "null", "none");

    /** value -> variable name, longest value first so that a value containing another is replaced whole */
    private final Map<String, String> names;
    /** every value, however short: finding one too many only makes a file more private */
    private final Set<String> all;

    public SecretValues(Map<String, String> environment, SecretNames secretNames) {
        Map<String, String> found = new LinkedHashMap<>();
        environment.entrySet().stream()
                .filter(e -> e.getValue() != null && !e.getValue().isEmpty()
                        && !ORDINARY.contains(e.getValue().toLowerCase()) && secretNames.isSecret(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingInt((Map.Entry<String, String> e) -> -e.getValue().length())
                        .thenComparing(Map.Entry::getKey))
                .forEach(e -> found.putIfAbsent(e.getValue(), e.getKey()));
        this.all = Set.copyOf(found.keySet());
        found.keySet().removeIf(value -> value.length() < MIN_LENGTH);
        this.names = found;
    }

    public static SecretValues of(StackConfig config) {
        return new SecretValues(config.environment(), StackSecretNames.of(config));
    }

    /** The text with every secret value written as its variable's reference, {@code ${DB_PASSWORD}}. */
    public String hide(String text) {
        if (text == null) {
            return null;
        }
        String hidden = text;
        for (Map.Entry<String, String> secret : names.entrySet()) {
            hidden = hidden.replace(secret.getKey(), "${" + secret.getValue() + "}");
        }
        return hidden;
    }

    /** The same error with its message hidden; the cause, whose message may hold the value, is left out. */
    public ConfigException hide(ConfigException e) {
        String hidden = hide(e.getMessage());
        if (hidden.equals(e.getMessage())) {
            return e;
        }
        ConfigException copy = new ConfigException(hidden);
        copy.setStackTrace(e.getStackTrace());
        return copy;
    }

    /** Whether the text holds the value of a secret variable. */
    public boolean foundIn(String text) {
        return all.stream().anyMatch(text::contains);
    }
}
