package io.capstan.stack.run;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.ContainerFilter;
import io.capstan.core.label.Labels;
import io.capstan.core.model.ContainerStatus;
import io.capstan.core.model.ContainerSummary;
import io.capstan.core.model.NetworkInfo;
import io.capstan.core.spec.ContainerSpec;
import io.capstan.stack.compose.ComposeProject;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Compares the desired stack with what the engine runs under this stack's labels. */
public final class StackPlanner {
    private final ContainerEngine engine;
    private final ComposeProject project;
    private final ServiceSpecs specs;

    public StackPlanner(ContainerEngine engine, ComposeProject project) {
        this(engine, project, Map.of());
    }

    /** @param originLabels what {@link ServiceSpecs} puts on every container to say where the stack came from */
    public StackPlanner(ContainerEngine engine, ComposeProject project, Map<String, String> originLabels) {
        this.engine = engine;
        this.project = project;
        this.specs = new ServiceSpecs(project, originLabels);
    }

    /** @param imageIds the id of each service's image (services whose image is not built yet map to "") */
    public StackPlan plan(Map<String, String> imageIds) {
        Map<String, String> stackLabels = StackLabels.filter(project.name());
        List<ContainerSummary> existing = engine.containers().list(ContainerFilter.allWithLabels(stackLabels));
        Map<String, List<ContainerSummary>> byService = existing.stream()
                .collect(Collectors.groupingBy(c -> c.labels().getOrDefault(Labels.SERVICE, "")));
        List<StackPlan.Action> actions = new ArrayList<>();
        for (ComposeProject.Service service : project.services().values()) {
            List<ContainerSummary> current = new ArrayList<>(byService.getOrDefault(service.name(), List.of()));
            current.sort(Comparator.comparingInt(StackPlanner::replica));
            Set<Integer> seen = new HashSet<>();
            for (ContainerSummary c : current) {
                int replica = replica(c);
                if (replica < 1 || replica > service.replicas() || !seen.add(replica)) {
                    actions.add(new StackPlan.Remove(service.name(), c.id(), c.name()));
                }
            }
            for (int replica = 1; replica <= service.replicas(); replica++) {
                ContainerSpec spec = specs.spec(service, replica, imageIds.getOrDefault(service.name(), ""));
                int r = replica;
                ContainerSummary found = current.stream().filter(c -> replica(c) == r).findFirst().orElse(null);
                if (found == null) {
                    actions.add(new StackPlan.Create(service.name(), replica, spec));
                } else if (!spec.labels().get(Labels.CONFIG_HASH).equals(found.labels().get(Labels.CONFIG_HASH))) {
                    actions.add(new StackPlan.Recreate(service.name(), replica, spec, found.id(), changed(spec, found)));
                } else if (found.status() != ContainerStatus.RUNNING) {
                    actions.add(new StackPlan.Start(service.name(), replica, found.id(), found.name()));
                } else {
                    actions.add(new StackPlan.Keep(service.name(), replica, found.id(), found.name()));
                }
            }
        }
        recreateWhereStackIsReplaced(actions, imageIds);
        // a service of a profile that is not active is still the stack's: its containers are no orphans (as in Compose)
        List<StackPlan.Orphan> orphans = existing.stream()
                .filter(c -> !project.services().containsKey(c.labels().getOrDefault(Labels.SERVICE, ""))
                        && !project.inactiveServices().contains(c.labels().getOrDefault(Labels.SERVICE, "")))
                .map(c -> new StackPlan.Orphan(c.labels().getOrDefault(Labels.SERVICE, "?"), c.id(), c.name())).toList();
        List<NetworkInfo> existingNetworks = engine.networks().list(stackLabels);
        NetworkDrift.check(project, existingNetworks);
        Set<String> networks = existingNetworks.stream().map(NetworkInfo::name).collect(Collectors.toSet());
        Set<String> volumes = engine.volumes().list(stackLabels).stream().map(v -> v.name()).collect(Collectors.toSet());
        List<String> networksToCreate = project.networks().values().stream()
                .filter(n -> !n.external() && !networks.contains(n.name())).map(ComposeProject.Network::name).toList();
        List<String> volumesToCreate = project.volumes().values().stream()
                .filter(v -> !v.external() && !volumes.contains(v.name())).map(ComposeProject.Volume::name).toList();
        return new StackPlan(actions, networksToCreate, volumesToCreate, orphans);
    }

    /**
     * A container in another service's network, PID or IPC namespace (network_mode, pid or ipc service:NAME) is
     * left without it when that service's container is replaced, so it is replaced too.
     */
    private void recreateWhereStackIsReplaced(List<StackPlan.Action> actions, Map<String, String> imageIds) {
        Set<String> replaced = actions.stream().filter(a -> a instanceof StackPlan.Create || a instanceof StackPlan.Recreate)
                .map(StackPlan.Action::service).collect(Collectors.toSet());
        for (int i = 0; i < actions.size(); i++) {
            ComposeProject.Service service = project.services().get(actions.get(i).service());
            if (service == null || service.namespaceServices().stream().noneMatch(replaced::contains)) {
                continue;
            }
            String image = imageIds.getOrDefault(service.name(), "");
            List<String> reasons = joinedReplaced(service, replaced);
            StackPlan.Action action = actions.get(i);
            if (action instanceof StackPlan.Keep k) {
                actions.set(i, new StackPlan.Recreate(k.service(), k.replica(), specs.spec(service, k.replica(), image),
                        k.containerId(), reasons));
            } else if (action instanceof StackPlan.Start st) {
                actions.set(i, new StackPlan.Recreate(st.service(), st.replica(), specs.spec(service, st.replica(), image),
                        st.containerId(), reasons));
            }
        }
    }

    /** Which of the service's network_mode, pid and ipc name a service that is replaced. */
    private static List<String> joinedReplaced(ComposeProject.Service service, Set<String> replaced) {
        Map<String, String> modes = new LinkedHashMap<>();
        modes.put("network_mode", service.networkMode());
        modes.put("pid", service.settings().process().pid());
        modes.put("ipc", service.settings().process().ipc());
        return modes.entrySet().stream().filter(e -> e.getValue() != null && e.getValue().startsWith("service:")
                && replaced.contains(e.getValue().substring("service:".length()))).map(Map.Entry::getKey).toList();
    }

    private static int replica(ContainerSummary c) {
        try {
            return Integer.parseInt(c.labels().getOrDefault(Labels.REPLICA, "0"));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static List<String> changed(ContainerSpec spec, ContainerSummary found) {
        Map<String, String> wanted = ServiceSpecs.decode(spec.labels().get(StackLabels.CONFIG_KEYS));
        Map<String, String> have = ServiceSpecs.decode(found.labels().get(StackLabels.CONFIG_KEYS));
        // A key set before and now left out (cap_add removed, say) is a change too.
        java.util.Set<String> keys = new java.util.TreeSet<>(wanted.keySet());
        keys.addAll(have.keySet());
        List<String> changed = keys.stream().filter(k -> !java.util.Objects.equals(wanted.get(k), have.get(k))).toList();
        return changed.isEmpty() ? List.of("configuration") : changed;
    }
}
