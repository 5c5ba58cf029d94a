package io.capstan.core.error;

/** The engine refused or failed a request for a reason that fits none of the other errors. */
public final class EngineException extends CapstanException {
    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }

    public EngineException(String message) {
        this(message, null);
    }
}
