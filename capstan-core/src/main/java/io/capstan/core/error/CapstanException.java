package io.capstan.core.error;

/**
 * The root of every error Capstan reports to a person. The message is one line that says what went wrong
 * and, where there is something to do about it, what to do.
 */
public abstract sealed class CapstanException extends RuntimeException
        permits NotFoundException, ConflictException, InvalidSpecException, EngineUnavailableException,
                EngineException, ConfigException {

    protected CapstanException(String message, Throwable cause) {
        super(message, cause);
    }
}
