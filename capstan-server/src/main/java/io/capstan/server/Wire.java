package io.capstan.server;

import io.capstan.control.managed.ManagedContainer;
import io.capstan.control.managed.ResourceLimits;
import io.capstan.control.store.DesiredImage;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON shapes the reference's clients read (a UI, a load balancer, a billing job), with Capstan's own fields
 * beside them (docs/control-plane.md lists them route by route).
 */
final class Wire {
    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;

    private Wire() {
    }

    /**
     * A container as listings and starts show it: Capstan's fields ({@code cpu_limit} in CPUs, {@code memory_limit} in
     * bytes, {@code created}) with the reference's {@code created_at} and {@code resources: {cpu_limit: "0.5",
     * memory_limit: "512m"}}.
     */
    static Map<String, Object> container(ManagedContainer c) {
        Map<String, Object> m = ApiJson.MAPPER.convertValue(c, ApiJson.MAP_TYPE);
        // The engine's word, as the reference's clients expect; Capstan's crashloop is the state beside it.
        m.put("status", engineStatus(c));
        m.put("state", c.status());
        m.put("created_at", c.created() == null ? null : c.created().toString());
        m.put("resources", resources(c));
        return m;
    }

    /**
     * One instance as the load balancer reads it: {@code status} is {@code running} or {@code stopped} ({@code state}
     * keeps the engine's word, or {@code crashloop}), {@code endpoint} the URL of its first published port or "".
     */
    static Map<String, Object> instance(ManagedContainer c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("status", c.isRunning() ? "running" : "stopped");
        m.put("endpoint", endpoint(c));
        m.put("resources", resources(c));
        m.put("name", c.name());
        m.put("image", c.image());
        m.put("state", c.status());
        m.put("health", c.health());
        m.put("ports", c.ports());
        m.put("created_at", c.created() == null ? null : c.created().toString());
        m.put("host", c.host());
        return m;
    }

    /** The engine's state word: a replica waiting out a crash loop is {@code exited} there. */
    static String engineStatus(ManagedContainer c) {
        return "crashloop".equals(c.status()) ? "exited" : c.status();
    }

    static String endpoint(ManagedContainer c) {
        if (!c.isRunning()) {
            return "";
        }
        return c.ports().values().stream().filter(p -> p != null && p != 0).findFirst()
                .map(p -> "http://localhost:" + p).orElse("");
    }

    static Map<String, Object> resources(ManagedContainer c) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (c.cpuLimit() != null) {
            m.put("cpu_limit", cpu(c.cpuLimit()));
        }
        if (c.memoryLimit() != null) {
            m.put("memory_limit", memory(c.memoryLimit()));
        }
        return m;
    }

    /** CPUs with up to 2 decimals, trailing zeros removed: {@code "0.1"}, {@code "1"}, {@code "0.25"}. */
    static String cpu(double cores) {
        return BigDecimal.valueOf(cores).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /** {@code "<n>g"} for a whole number of GiB, else {@code "<floor(bytes / MiB)>m"}. */
    static String memory(long bytes) {
        return bytes % GIB == 0 ? bytes / GIB + "g" : bytes / MIB + "m";
    }

    /**
     * A desired image as {@code GET /images} lists it: the reference's {@code image, min_replicas, max_replicas,
     * resources, env, ports, current_running, total_instances}, resources in both its and Capstan's names, ports as
     * {@code [{container, host}]} (host 0: any free port).
     */
    static Map<String, Object> desiredImage(DesiredImage d, List<ManagedContainer> instances) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("image", d.image());
        m.put("min_replicas", d.minReplicas());
        m.put("max_replicas", d.maxReplicas());
        ResourceLimits limits = ResourceLimits.from(d.resources(), "resources");
        Map<String, Object> resources = new LinkedHashMap<>();
        if (limits.nanoCpus() != null) {
            resources.put("cpu", cpu(limits.nanoCpus() / 1e9));
            resources.put("cpu_limit", cpu(limits.nanoCpus() / 1e9));
        }
        if (limits.memoryBytes() != null) {
            resources.put("memory", memory(limits.memoryBytes()));
            resources.put("memory_limit", memory(limits.memoryBytes()));
        }
        m.put("resources", resources);
        m.put("env", d.env());
        List<Map<String, Object>> ports = new ArrayList<>();
        d.ports().forEach((key, host) -> {
            String[] parts = key.split("/");
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("container", Integer.parseInt(parts[0]));
            p.put("host", host == null ? 0 : host);
            p.put("protocol", parts.length > 1 ? parts[1] : "tcp");
            ports.add(p);
        });
        m.put("ports", ports);
        m.put("current_running", instances.stream().filter(ManagedContainer::isRunning).count());
        m.put("total_instances", instances.size());
        m.put("replicas", d.replicas());
        m.put("command", d.command());
        m.put("autoscale", d.autoscale() == null ? null : d.autoscale().toJson());
        m.put("stopped", d.stopped());
        m.put("updated_at", d.updatedAt());
        return m;
    }
}
