package io.capstan.core.error;

/**
 * A stack's config files, templates or project layout are wrong. The message starts with {@code file:line:}
 * (and the column, for YAML syntax errors) wherever the problem has a place.
 */
public final class ConfigException extends CapstanException {
    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }

    public ConfigException(String message) {
        this(message, null);
    }
}
