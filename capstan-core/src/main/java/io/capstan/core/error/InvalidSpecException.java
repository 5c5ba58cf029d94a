package io.capstan.core.error;

/** The request itself is wrong: a bad memory string, a malformed port, an option the engine refuses. */
public final class InvalidSpecException extends CapstanException {
    public InvalidSpecException(String message, Throwable cause) {
        super(message, cause);
    }

    public InvalidSpecException(String message) {
        this(message, null);
    }
}
