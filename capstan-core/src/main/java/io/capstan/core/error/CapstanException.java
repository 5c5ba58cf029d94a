package io.capstan.core.error;

import io.capstan.core.text.OneLine;

/**
 * The root of every error Capstan reports to a person. The message is one line that says what went wrong
 * and, where there is something to do about it, what to do. A value the message quotes never breaks that line:
 * control characters in it are shown escaped and a huge one is cut ({@link OneLine}).
 */
public abstract sealed class CapstanException extends RuntimeException
        permits NotFoundException, ConflictException, InvalidSpecException, EngineUnavailableException,
                EngineException, ConfigException {

    protected CapstanException(String message, Throwable cause) {
        super(OneLine.of(message), cause);
    }
}
