package io.capstan.kernels.launch;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.ContainerFilter;
import io.capstan.core.error.NotFoundException;
import io.capstan.core.model.ContainerSummary;

import io.capstan.core.workload.WorkloadStatus;
import io.capstan.core.workload.WorkloadTarget;
import io.capstan.core.workload.WorkloadTask;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The kernels Capstan started on an engine, found by their labels: containers, and the Swarm services of the swarm
 * the engine manages (when it manages one).
 */
public final class KernelContainers {
    private final ContainerEngine engine;
    private final Optional<WorkloadTarget> swarm;

    public KernelContainers(ContainerEngine engine) {
        this(engine, Optional.empty());
    }

    /** @param swarm the swarm whose kernel services to include, empty when the engine manages none */
    public KernelContainers(ContainerEngine engine, Optional<WorkloadTarget> swarm) {
        this.engine = engine;
        this.swarm = swarm;
    }

    /**
     * One kernel as {@code capstan kernel ls} shows it.
     *
     * @param container the container's name, or {@code service NAME} for a kernel that runs as a Swarm service
     */
    public record Kernel(String user, String kernelId, String image, String state, Instant created, String container) {
    }

    public List<Kernel> list() {
        List<Kernel> kernels = new ArrayList<>();
        summaries(KernelLabels.anyKernel()).forEach(c -> kernels.add(new Kernel(c.labels().getOrDefault(KernelLabels.USER,
                ""), c.labels().get(KernelLabels.KERNEL_ID), c.image(), c.status().word(), c.created(), c.name())));
        services(KernelLabels.anyKernel()).forEach(s -> kernels.add(new Kernel(s.labels().getOrDefault(KernelLabels.USER,
                ""), s.labels().get(KernelLabels.KERNEL_ID), s.spec().image(), serviceState(s), s.created(),
                "service " + s.name())));
        kernels.sort(Comparator.comparing(Kernel::created).reversed());
        return kernels;
    }

    /** Removes the kernel {@code kernelId}'s container or service; returns its name. */
    public String remove(String kernelId) {
        List<ContainerSummary> found = summaries(KernelLabels.kernel(kernelId));
        List<WorkloadStatus> services = services(KernelLabels.kernel(kernelId));
        if (found.isEmpty() && services.isEmpty()) {
            throw new NotFoundException("kernel", kernelId, "no kernel with id '" + kernelId + "': 'capstan kernel ls' "
                    + "lists them", null);
        }
        found.forEach(c -> removeQuietly(c.id()));
        services.forEach(s -> removeServiceQuietly(s.name()));
        return found.isEmpty() ? "service " + services.getFirst().name() : found.getFirst().name();
    }

    /** Removes every kernel container and service; returns their names. */
    public List<String> removeAll() {
        List<ContainerSummary> found = summaries(KernelLabels.anyKernel());
        List<WorkloadStatus> services = services(KernelLabels.anyKernel());
        found.forEach(c -> removeQuietly(c.id()));
        services.forEach(s -> removeServiceQuietly(s.name()));
        List<String> names = new ArrayList<>(found.stream().map(ContainerSummary::name).toList());
        services.forEach(s -> names.add("service " + s.name()));
        return names;
    }

    private List<WorkloadStatus> services(Map<String, String> labels) {
        return swarm.map(target -> target.list(labels)).orElse(List.of());
    }

    /** The state of the service's task ({@code running}, {@code failed}, ...), {@code pending} before it has one. */
    private static String serviceState(WorkloadStatus service) {
        return service.tasks().stream().findFirst().map(WorkloadTask::state).orElse("pending");
    }

    private void removeServiceQuietly(String name) {
        try {
            swarm.orElseThrow().remove(name);
        } catch (NotFoundException e) {
            // its launcher removed it meanwhile
        }
    }

    private List<ContainerSummary> summaries(Map<String, String> labels) {
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
