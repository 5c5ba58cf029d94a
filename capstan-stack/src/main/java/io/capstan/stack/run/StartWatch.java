package io.capstan.stack.run;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.EventFilter;
import io.capstan.core.engine.Subscription;
import io.capstan.core.model.EventKind;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Watches the containers one {@code up} starts for a process that fails right away (a wrong command, a missing
 * file): the engine's {@code die} events of the stack are followed while {@code up} runs, so that finding them
 * costs no call per container. A container counts as failed at once when it dies with a non-zero code before
 * {@code up} ends, and at least for {@code settle} after it was started.
 */
final class StartWatch implements AutoCloseable {
    private final Subscription events;
    private final Map<String, String> serviceOf = new ConcurrentHashMap<>();
    private final Map<String, Integer> exitCodes = new ConcurrentHashMap<>();
    private final AtomicLong lastStart = new AtomicLong();

    StartWatch(ContainerEngine engine, String project) {
        events = engine.events(EventFilter.containers(StackLabels.filter(project)), event -> {
            if (event.is(EventKind.DIED)) {
                exitCodes.putIfAbsent(event.actorId(), exitCode(event.attributes().get("exitCode")));
            }
        });
    }

    void started(String containerId, String service) {
        serviceOf.put(containerId, service);
        lastStart.accumulateAndGet(System.nanoTime(), Math::max); // starts finish on many threads
    }

    /**
     * Waits until the last container started has run for {@code settle}, then answers the services whose
     * containers have died with a non-zero code, by container id.
     */
    Map<String, Died> failedAtOnce(Duration settle) throws InterruptedException {
        if (serviceOf.isEmpty()) {
            return Map.of();
        }
        long wait = lastStart.get() + settle.toNanos() - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(Duration.ofNanos(wait));
        }
        Map<String, Died> died = new LinkedHashMap<>();
        serviceOf.forEach((id, service) -> {
            Integer code = exitCodes.get(id);
            if (code != null && code != 0) {
                died.put(id, new Died(service, code));
            }
        });
        return died;
    }

    record Died(String service, int exitCode) {
    }

    private static int exitCode(String text) {
        try {
            return text == null ? -1 : Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        events.close();
    }
}
