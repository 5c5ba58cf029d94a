package io.capstan.docker;

import com.github.dockerjava.api.async.ResultCallback;
import io.capstan.core.engine.Subscription;
import io.capstan.core.error.EngineException;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A docker-java streaming callback seen as a {@link Subscription}. Its end is watched here, never through docker-java's
 * {@code awaitCompletion}: that closes the stream whatever it returns, so asking it whether a stream that had not yet
 * started had ended made its end look reached at once while its frames were still arriving (a read came back short).
 */
final class CallbackSubscription implements Subscription {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Ending<?> ending;
    private final DockerErrors errors;
    private final String kind;
    private final String ref;

    private CallbackSubscription(Ending<?> ending, DockerErrors errors, String kind, String ref) {
        this.ending = ending;
        this.errors = errors;
        this.kind = kind;
        this.ref = ref;
    }

    /**
     * Starts the stream with {@code exec} and returns once the engine has answered, so that what happens after
     * this returns is in the stream. An immediate refusal (no such container, engine down) is thrown here.
     */
    static <T> Subscription start(DockerErrors errors, String kind, String ref, ResultCallback.Adapter<T> callback,
                                  Consumer<ResultCallback<T>> exec) {
        Ending<T> ending = new Ending<>(callback);
        errors.run(kind, ref, () -> {
            exec.accept(ending);
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            try {
                // A refused request ends with an error and never "starts": watch for both.
                while (!callback.awaitStarted(20, TimeUnit.MILLISECONDS) && !ending.ended.await(0, TimeUnit.MILLISECONDS)) {
                    if (System.nanoTime() > deadline) {
                        ending.close();
                        throw new EngineException(kind + " '" + ref + "': the engine did not start the stream within "
                                + START_TIMEOUT.toSeconds() + " s");
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EngineException("interrupted while starting a stream for " + kind + " '" + ref + "'", e);
            }
            ending.rethrow();
        });
        return new CallbackSubscription(ending, errors, kind, ref);
    }

    /** True once the stream ended; if it ended with an error (the engine went away), that error is thrown. */
    @Override
    public boolean awaitCompletion(Duration timeout) throws InterruptedException {
        if (!ending.ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return false;
        }
        errors.run(kind, ref, ending::rethrow);
        return true;
    }

    @Override
    public void close() {
        ending.close();
    }

    /** Hands everything to the callback, and notes when and how the stream ended. */
    private static final class Ending<T> implements ResultCallback<T> {
        private final ResultCallback.Adapter<T> callback;
        private final CountDownLatch ended = new CountDownLatch(1);
        private volatile Throwable error;
        private volatile boolean closed;

        Ending(ResultCallback.Adapter<T> callback) {
            this.callback = callback;
        }

        @Override
        public void onStart(Closeable stream) {
            callback.onStart(stream);
        }

        @Override
        public void onNext(T item) {
            callback.onNext(item);
        }

        @Override
        public void onError(Throwable failure) {
            // what closing the stream makes its reader throw is no failure
            if (!closed && error == null) {
                error = failure;
            }
            try {
                callback.onError(failure);
            } finally {
                ended.countDown();
            }
        }

        @Override
        public void onComplete() {
            try {
                callback.onComplete();
            } finally {
                ended.countDown();
            }
        }

        @Override
        public void close() {
            closed = true;
            try {
                callback.close();
            } catch (IOException ignored) {
                // the stream is gone either way
            } finally {
                ended.countDown();
            }
        }

        void rethrow() {
            Throwable failure = error;
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            if (failure != null) {
                // as docker-java throws it: the errors of the engine map it
                throw new RuntimeException(failure);
            }
        }
    }
}
