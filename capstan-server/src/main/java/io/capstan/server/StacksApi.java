package io.capstan.server;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.ContainerFilter;
import io.capstan.core.label.Labels;
import io.capstan.core.model.ContainerSummary;
import io.capstan.core.spec.PortMapping;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /stacks}: the stacks Capstan runs on the engine and their services, found by the labels {@code stack up}
 * puts on their containers (read-only: the server does not manage stacks).
 */
final class StacksApi {
    private final RecentListing<List<ContainerSummary>> stackContainers;

    StacksApi(ContainerEngine engine) {
        this.stackContainers = new RecentListing<>(() -> engine.containers().list(ContainerFilter.allWithLabels(
                Map.of(Labels.OWNER, "true", Labels.STACK, ""))));
    }

    /** A stack's container changed: the next listing asks the engine. */
    void changed() {
        stackContainers.forget();
    }

    Route route() {
        return new Route(HandlerType.GET, "/stacks", "The stacks on the engine (containers 'capstan stack up' made) and "
                + "their services: each replica's state, health and published ports", this::list, Map.of(), null,
                Map.of(200, "{stacks: [{name, services: [{name, running, total, containers: [{id, name, state, "
                        + "health, ports}]}]}], total}"));
    }

    private void list(Context ctx) {
        List<ContainerSummary> found = stackContainers.get();
        Map<String, Map<String, List<ContainerSummary>>> stacks = new TreeMap<>();
        for (ContainerSummary c : found) {
            String service = c.labels().getOrDefault(Labels.SERVICE, c.labels().getOrDefault(Labels.COMPOSE_SERVICE, ""));
            stacks.computeIfAbsent(c.labels().get(Labels.STACK), s -> new TreeMap<>())
                    .computeIfAbsent(service, s -> new java.util.ArrayList<>()).add(c);
        }
        List<Map<String, Object>> body = stacks.entrySet().stream().map(s -> {
            Map<String, Object> stack = new LinkedHashMap<>();
            stack.put("name", s.getKey());
            stack.put("services", s.getValue().entrySet().stream().map(e -> service(e.getKey(), e.getValue())).toList());
            return stack;
        }).toList();
        Responses.json(ctx, 200, Map.of("stacks", body, "total", body.size()));
    }

    private static Map<String, Object> service(String name, List<ContainerSummary> replicas) {
        Map<String, Object> service = new LinkedHashMap<>();
        service.put("name", name);
        service.put("running", replicas.stream().filter(c -> "running".equals(c.status().word())).count());
        service.put("total", replicas.size());
        service.put("containers", replicas.stream().sorted(Comparator.comparing(ContainerSummary::name))
                .map(StacksApi::container).toList());
        return service;
    }

    private static Map<String, Object> container(ContainerSummary c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("name", c.name());
        m.put("state", c.status().word());
        m.put("health", c.health().word());
        m.put("ports", c.ports().stream().map(StacksApi::port).distinct().toList());
        return m;
    }

    private static String port(PortMapping p) {
        String inside = p.containerPort() + "/" + p.protocol();
        return p.hostPort() == 0 ? inside : p.hostPort() + "\u2192" + inside;
    }
}
