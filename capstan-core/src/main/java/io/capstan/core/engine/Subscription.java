package io.capstan.core.engine;

import java.time.Duration;

/** A running stream of logs or events. Closing it stops the stream; closing twice is harmless. */
public interface Subscription extends AutoCloseable {

    /** Waits until the stream ends by itself (the engine closed it) or is closed; false if {@code timeout} passed. */
    boolean awaitCompletion(Duration timeout) throws InterruptedException;

    @Override
    void close();
}
