package io.capstan.stack.run;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.OneShotStats;
import io.capstan.core.error.CapstanException;
import io.capstan.core.model.ContainerStats;
import io.capstan.core.model.ContainerStatus;
import io.capstan.core.model.ContainerSummary;
import io.capstan.stack.compose.ComposeProject;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** One sample of CPU, memory, network and disk use per running container of a stack's services. */
public final class ServiceStats {
    private final ContainerEngine engine;
    private final ComposeProject project;

    /** A container's sample; {@code stats} is null when it could not be taken ({@code error} says why). */
    public record Sample(String service, String container, ContainerStats stats, String error) {
    }

    public ServiceStats(ContainerEngine engine, ComposeProject project) {
        this.engine = engine;
        this.project = project;
    }

    /** Samples every running container of {@code services} (none named: all of the stack's) at the same time. */
    public List<Sample> sample(List<String> services) throws InterruptedException {
        List<ContainerSummary> running = new StackContainers(engine, project).of(ServiceSelection.of(project, services))
                .stream().filter(c -> c.status() == ContainerStatus.RUNNING).toList();
        // the engine measures CPU over about a second per sample: take them together
        List<Sample> samples = new ArrayList<>();
        OneShotStats stats = engine.require(OneShotStats.class, "report container stats");
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<ContainerStats>> futures = running.stream()
                    .map(c -> pool.submit(() -> stats.stats(c.id()))).toList();
            for (int i = 0; i < running.size(); i++) {
                ContainerSummary c = running.get(i);
                try {
                    samples.add(new Sample(StackContainers.service(c), c.name(), futures.get(i).get(), null));
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof CapstanException failed)) {
                        throw new IllegalStateException(e.getCause());
                    }
                    samples.add(new Sample(StackContainers.service(c), c.name(), null, failed.getMessage()));
                }
            }
        }
        return samples;
    }
}
