package io.capstan.kernels.launch;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.ContainerFilter;
import io.capstan.core.error.NotFoundException;
import io.capstan.core.model.ContainerSummary;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** The kernel containers Capstan started on an engine, found by their labels. */
public final class KernelContainers {
    private final ContainerEngine engine;

    public KernelContainers(ContainerEngine engine) {
        this.engine = engine;
    }

    /** One kernel as {@code capstan kernel ls} shows it. */
    public record Kernel(String user, String kernelId, String image, String state, Instant created, String container) {
    }

    public List<Kernel> list() {
        return summaries(KernelLabels.anyKernel()).stream()
                .map(c -> new Kernel(c.labels().getOrDefault(KernelLabels.USER, ""), c.labels().get(KernelLabels.KERNEL_ID),
                        c.image(), c.status().word(), c.created(), c.name()))
                .sorted(Comparator.comparing(Kernel::created).reversed())
                .toList();
    }

    /** Removes the kernel {@code kernelId}'s container; returns its name. */
    public String remove(String kernelId) {
        List<ContainerSummary> found = summaries(KernelLabels.kernel(kernelId));
        if (found.isEmpty()) {
            throw new NotFoundException("kernel", kernelId, "no kernel with id '" + kernelId + "': 'capstan kernel ls' "
                    + "lists them", null);
        }
        found.forEach(c -> removeQuietly(c.id()));
        return found.getFirst().name();
    }

    /** Removes every kernel container; returns their names. */
    public List<String> removeAll() {
        List<ContainerSummary> found = summaries(KernelLabels.anyKernel());
        found.forEach(c -> removeQuietly(c.id()));
        return found.stream().map(ContainerSummary::name).toList();
    }

    private List<ContainerSummary> summaries(java.util.Map<String, String> labels) {
        return engine.containers().list(ContainerFilter.allWithLabels(labels));
    }

    private void removeQuietly(String id) {
        try {
            engine.containers().remove(id, true, true);
        } catch (NotFoundException e) {
            // its launcher removed it meanwhile
        }
    }
}
