package io.capstan.stack.run;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.ContainerFilter;
import io.capstan.core.error.CapstanException;
import io.capstan.core.error.EngineException;
import io.capstan.core.label.Labels;
import io.capstan.core.model.ContainerSummary;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The part of {@code down -t 0} that needs nothing from the compose files, started while they are still being
 * regenerated. Every container {@code up} made carries its config file's path ({@link StackLabels#forConfigFile}),
 * and a zero timeout kills containers in no particular order, so they can go before the files are rendered.
 * Containers without that label (made by an older Capstan) are left to {@link StackRunner#down}, which runs next.
 */
public final class EarlyDown {
    private final CompletableFuture<Set<String>> removed;

    private EarlyDown(CompletableFuture<Set<String>> removed) {
        this.removed = removed;
    }

    /**
     * Starts killing and removing, in the background, the containers made from {@code configFile}; with
     * {@code volumes} their anonymous volumes too.
     */
    public static EarlyDown start(Supplier<ContainerEngine> engine, Path configFile, boolean volumes, StackProgress progress) {
        return new EarlyDown(CompletableFuture.supplyAsync(() -> remove(engine.get(), configFile, volumes, progress),
                task -> Thread.ofPlatform().name("early-down").daemon().start(task)));
    }

    /** Waits for the removals to end; returns the projects whose containers were removed. */
    public Set<String> await() {
        try {
            return removed.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private static Set<String> remove(ContainerEngine engine, Path configFile, boolean volumes, StackProgress progress) {
        List<ContainerSummary> found = engine.containers()
                .list(ContainerFilter.allWithLabels(StackLabels.configFileFilter(configFile)));
        Map<String, List<ContainerSummary>> byService = found.stream().collect(Collectors.groupingBy(
                c -> c.labels().getOrDefault(Labels.SERVICE, ""), LinkedHashMap::new, Collectors.toList()));
        ContainerRemoval removal = new ContainerRemoval(engine, volumes);
        List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            byService.forEach((service, containers) -> executor.submit(() -> {
                try {
                    progress.update(service, "stopping", "");
                    removal.remove(containers.stream().map(ContainerSummary::id).toList(), Duration.ZERO);
                    progress.update(service, "removed", "");
                } catch (RuntimeException e) {
                    errors.add(e);
                    progress.update(service, "failed", e.getMessage());
                }
            }));
        }
        if (!errors.isEmpty()) {
            throw errors.getFirst() instanceof CapstanException c ? c
                    : new EngineException("down failed: " + errors.getFirst().getMessage(), errors.getFirst());
        }
        return found.stream().map(c -> c.labels().get(Labels.STACK))
                .filter(p -> p != null && !p.isEmpty()).collect(Collectors.toCollection(TreeSet::new));
    }
}
