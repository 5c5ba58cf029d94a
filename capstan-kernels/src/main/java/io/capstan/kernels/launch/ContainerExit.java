package io.capstan.kernels.launch;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.EventFilter;
import io.capstan.core.engine.Subscription;
import io.capstan.core.model.EngineEvent;
import io.capstan.core.model.EventKind;

import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The moment a kernel's container exits, told by the engine's event stream (its {@code die} event) rather than
 * found by asking the engine again and again. Subscribed before the container starts, so no exit is missed.
 */
final class ContainerExit implements AutoCloseable {
    private final CompletableFuture<Integer> exitCode = new CompletableFuture<>();
    private final Subscription events;
    private volatile String containerId;

    /** @param labels the labels that single out the kernel's container */
    ContainerExit(ContainerEngine engine, Map<String, String> labels) {
        events = engine.events(new EventFilter(Set.of("container"), labels, null), this::seen);
    }

    /** The container to watch (its id is known once it is created; events of others with the labels are ignored). */
    void watch(String id) {
        containerId = id;
    }

    private void seen(EngineEvent event) {
        if (event.is(EventKind.DIED) && event.actorId().equals(containerId)) {
            exitCode.complete(parse(event.attributes().get("exitCode")));
        }
    }

    private static int parse(String code) {
        try {
            return code == null ? -1 : Integer.parseInt(code);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The container's exit code once it has exited, waiting up to {@code wait} for it; empty while it runs. */
    OptionalInt await(Duration wait) {
        try {
            return OptionalInt.of(exitCode.get(wait.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.empty();
        } catch (ExecutionException e) {
            return OptionalInt.empty();
        }
    }

    @Override
    public void close() {
        events.close();
    }
}
