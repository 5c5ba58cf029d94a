package io.capstan.core.error;

/** No engine answered where Capstan looked, or the engine went away while Capstan was talking to it. */
public final class EngineUnavailableException extends CapstanException {
    public EngineUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public EngineUnavailableException(String message) {
        this(message, null);
    }
}
