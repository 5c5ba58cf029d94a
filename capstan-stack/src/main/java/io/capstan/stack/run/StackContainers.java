package io.capstan.stack.run;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.ContainerFilter;
import io.capstan.core.error.NotFoundException;
import io.capstan.core.label.Labels;
import io.capstan.core.model.ContainerStatus;
import io.capstan.core.model.ContainerSummary;
import io.capstan.stack.compose.ComposeProject;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The containers carrying a stack's labels, by service: what the per-service verbs work on. */
public final class StackContainers {
    private final ContainerEngine engine;
    private final ComposeProject project;

    public StackContainers(ContainerEngine engine, ComposeProject project) {
        this.engine = engine;
        this.project = project;
    }

    /** The stack's containers of {@code services}, ordered by service and replica. */
    public List<ContainerSummary> of(Collection<String> services) {
        return engine.containers().list(ContainerFilter.allWithLabels(StackLabels.filter(project.name()))).stream()
                .filter(c -> services.contains(service(c)))
                .sorted(Comparator.comparing(StackContainers::service).thenComparingInt(StackContainers::replica))
                .toList();
    }

    /** {@link #of}, grouped by service, in the order of {@code services}; services without containers are left out. */
    public Map<String, List<ContainerSummary>> byService(Collection<String> services) {
        Map<String, List<ContainerSummary>> found = of(services).stream()
                .collect(Collectors.groupingBy(StackContainers::service));
        Map<String, List<ContainerSummary>> ordered = new LinkedHashMap<>();
        services.stream().filter(found::containsKey).forEach(s -> ordered.put(s, found.get(s)));
        return ordered;
    }

    /** The running container of {@code service}'s replica {@code index} (1 is the first). */
    public ContainerSummary running(String service, int index) {
        List<ContainerSummary> containers = of(List.of(service));
        return containers.stream().filter(c -> replica(c) == index && c.status() == ContainerStatus.RUNNING).findFirst()
                .orElseThrow(() -> new NotFoundException("container", service + " #" + index, "service '" + service
                        + "' has no running container" + (index == 1 ? "" : " with index " + index) + " in stack '"
                        + project.name() + "' (" + describe(containers) + "): start it with 'up'", null));
    }

    private static String describe(List<ContainerSummary> containers) {
        if (containers.isEmpty()) {
            return "it has no containers";
        }
        return containers.stream().map(c -> c.name() + " " + c.status().word()).collect(Collectors.joining(", "));
    }

    public static String service(ContainerSummary c) {
        return c.labels().getOrDefault(Labels.SERVICE, "");
    }

    public static int replica(ContainerSummary c) {
        try {
            return Integer.parseInt(c.labels().getOrDefault(Labels.REPLICA, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
