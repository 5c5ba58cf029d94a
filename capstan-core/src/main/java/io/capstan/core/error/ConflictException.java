package io.capstan.core.error;

/** The request clashes with the engine's current state: a name in use, a port taken, a container running. */
public final class ConflictException extends CapstanException {
    public ConflictException(String message, Throwable cause) {
        super(message, cause);
    }

    public ConflictException(String message) {
        this(message, null);
    }
}
