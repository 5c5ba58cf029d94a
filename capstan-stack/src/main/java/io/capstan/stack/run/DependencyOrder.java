package io.capstan.stack.run;

import io.capstan.core.error.CapstanException;
import io.capstan.core.error.EngineException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs an action for every service in parallel, each once the services it waits for are done. A failure is reported
 * for its service and the first one thrown at the end, in one line naming the service.
 *
 * @param skipAfterFailure whether a service whose predecessor failed is skipped (start: a dependent must not start
 *                         without its dependency) or still handled (stop: stopping stays worth doing)
 */
record DependencyOrder(StackProgress progress, boolean skipAfterFailure) {

    void run(Set<String> services, Function<String, Set<String>> after, Consumer<String> action) {
        Map<String, CompletableFuture<Void>> done = new ConcurrentHashMap<>();
        services.forEach(s -> done.put(s, new CompletableFuture<>()));
        List<RuntimeException> errors = Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (String service : services) {
                executor.submit(() -> {
                    String failed = awaitPredecessors(service, after.apply(service), done);
                    if (failed != null && skipAfterFailure) {
                        progress.update(service, "skipped", "not started: service '" + failed + "' it depends on "
                                + "failed");
                        done.get(service).completeExceptionally(new IllegalStateException("skipped"));
                        return;
                    }
                    try {
                        action.accept(service);
                        done.get(service).complete(null);
                    } catch (RuntimeException e) {
                        RuntimeException reported = oneLine(service, e);
                        errors.add(reported);
                        progress.update(service, "failed", reported.getMessage());
                        done.get(service).completeExceptionally(e);
                    }
                });
            }
        }
        if (!errors.isEmpty()) {
            throw errors.getFirst();
        }
    }

    /** Waits for every predecessor; returns the name of one that did not succeed, or null. */
    private static String awaitPredecessors(String service, Set<String> predecessors,
                                            Map<String, CompletableFuture<Void>> done) {
        String failed = null;
        for (String first : predecessors) {
            CompletableFuture<Void> f = done.get(first);
            if (f != null && f.handle((ok, t) -> t != null).join() && failed == null) {
                failed = first;
            }
        }
        return failed;
    }

    /** Capstan's own errors already say what and where; anything else is named with its service. */
    private static RuntimeException oneLine(String service, RuntimeException e) {
        if (e instanceof CapstanException) {
            return e;
        }
        String message = e.getMessage() == null || e.getMessage().isBlank() ? null
                : e.getMessage().lines().findFirst().orElse("").strip();
        return new EngineException("service '" + service + "' failed: "
                + (message != null ? message : "an unexpected " + words(e.getClass().getSimpleName())), e);
    }

    /** {@code NullPointerException} as "null pointer exception": a description, not a class name. */
    private static String words(String simpleName) {
        return simpleName.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT);
    }
}
