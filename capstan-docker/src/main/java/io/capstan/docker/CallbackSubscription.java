package io.capstan.docker;

import com.github.dockerjava.api.async.ResultCallback;
import io.capstan.core.engine.Subscription;
import io.capstan.core.error.EngineException;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** A docker-java streaming callback seen as a {@link Subscription}. */
final class CallbackSubscription implements Subscription {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final ResultCallback.Adapter<?> callback;
    private final DockerErrors errors;
    private final String kind;
    private final String ref;

    private CallbackSubscription(ResultCallback.Adapter<?> callback, DockerErrors errors, String kind, String ref) {
        this.callback = callback;
        this.errors = errors;
        this.kind = kind;
        this.ref = ref;
    }

    /**
     * Starts the stream with {@code exec} and returns once the engine has answered, so that what happens after
     * this returns is in the stream. An immediate refusal (no such container, engine down) is thrown here.
     */
    static <C extends ResultCallback.Adapter<?>> Subscription start(DockerErrors errors, String kind, String ref,
                                                                    C callback, Consumer<C> exec) {
        errors.run(kind, ref, () -> {
            exec.accept(callback);
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            try {
                // A refused request completes with an error and never "starts": watch for both.
                while (!callback.awaitStarted(20, TimeUnit.MILLISECONDS) && !callback.awaitCompletion(0, TimeUnit.MILLISECONDS)) {
                    if (System.nanoTime() > deadline) {
                        throw new EngineException(kind + " '" + ref + "': the engine did not start the stream within "
                                + START_TIMEOUT.toSeconds() + " s");
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EngineException("interrupted while starting a stream for " + kind + " '" + ref + "'", e);
            }
        });
        return new CallbackSubscription(callback, errors, kind, ref);
    }

    /** True once the stream ended; if it ended with an error (the engine went away), that error is thrown. */
    @Override
    public boolean awaitCompletion(Duration timeout) throws InterruptedException {
        boolean[] done = new boolean[1];
        try {
            errors.run(kind, ref, () -> {
                try {
                    done[0] = callback.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    throw new InterruptedWrapper(e);
                }
            });
        } catch (InterruptedWrapper e) {
            throw (InterruptedException) e.getCause();
        }
        return done[0];
    }

    @Override
    public void close() {
        try {
            callback.close();
        } catch (IOException ignored) {
            // the stream is gone either way
        }
    }

    private static final class InterruptedWrapper extends RuntimeException {
        InterruptedWrapper(InterruptedException cause) {
            super(cause);
        }
    }
}
