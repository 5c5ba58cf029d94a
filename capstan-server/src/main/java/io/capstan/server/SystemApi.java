package io.capstan.server;

import io.capstan.control.ControlPlane;
import io.capstan.control.health.Percent;
import io.capstan.control.managed.ManagedContainer;
import io.capstan.control.managed.ManagedQueries;
import io.capstan.core.model.ContainerStats;
import io.capstan.core.model.EngineInfo;
import io.javalin.http.Context;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Health of the control plane itself, the host's resources, and the engine's images. */
final class SystemApi {
    private final ControlPlane plane;
    private final Instant started = Instant.now();
    private final String version;

    SystemApi(ControlPlane plane, String version) {
        this.plane = plane;
        this.version = version;
    }

    /**
     * {@code GET /health}: {@code {"status": "OK"}} while the engine's event stream is up ({@code DEGRADED} while the
     * database is not reachable: events wait), 503 with {@code ERROR} when the engine is lost.
     */
    void health(Context ctx) {
        boolean up = plane.engineConnected();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status(up));
        body.put("engine", up ? "up" : "down");
        body.put("database", plane.events().databaseReachable() ? "up" : "down");
        Responses.json(ctx, up ? 200 : 503, body);
    }

    /**
     * {@code GET /health/detailed}: the reference's {@code {status, timestamp, components: {docker, postgresql,
     * container_manager, system_resources}}}, with what the engine and the database say beside it; always 200,
     * {@code status: ERROR} when the engine is lost.
     */
    void detailed(Context ctx) {
        boolean up = plane.engineConnected();
        Map<String, Object> engine = new LinkedHashMap<>();
        engine.put("connected", up);
        // As the engine last said (at start and after each health cycle): a read never calls the engine.
        var reading = plane.engineFacts().last();
        EngineInfo info = reading.info();
        if (info != null) {
            engine.put("endpoint", info.endpoint());
            engine.put("product", info.product());
            engine.put("version", info.version());
            engine.put("containers", info.containers());
            engine.put("containers_running", info.containersRunning());
        }
        engine.put("read_at", reading.at());
        if (reading.error() != null) {
            engine.put("connected", false);
            engine.put("error", reading.error());
            up = false;
        }
        boolean reachable = plane.events().databaseReachable();
        // Where the database is and what it last said are the admin's to read: a path, a host, a user name.
        boolean admin = Caller.isAdmin(ctx);
        Map<String, Object> database = new LinkedHashMap<>();
        if (admin) {
            database.put("location", plane.store().location());
        }
        database.put("reachable", reachable);
        database.put("events_queued", plane.events().pending());
        if (admin) {
            database.put("last_error", plane.events().lastError());
        }
        List<ManagedContainer> all = plane.containers().list();
        long running = all.stream().filter(ManagedContainer::isRunning).count();
        Map<String, Object> managed = new LinkedHashMap<>();
        managed.put("containers", all.size());
        managed.put("running", running);
        managed.put("images", all.stream().map(ManagedContainer::image).distinct().count());
        managed.put("desired_images", plane.replicas().list().size());
        Map<String, Object> sampling = new LinkedHashMap<>();
        var cycle = plane.health().lastCycle();
        sampling.put("last_cycle_at", cycle == null ? null : cycle.at());
        sampling.put("last_cycle_ms", cycle == null ? null : cycle.took().toMillis());
        sampling.put("last_cycle_sampled", cycle == null ? null : cycle.sampled());

        Map<String, Object> components = new LinkedHashMap<>();
        components.put("docker", up && info != null
                ? component("OK", info.product() + " " + info.version() + " at " + info.endpoint())
                : component("ERROR", "the engine does not answer: " + engine.getOrDefault("error", "event stream lost")));
        components.put("postgresql", reachable
                ? component("OK", "database reachable" + (admin ? ": " + plane.store().location() : ""))
                : component("ERROR", "database unreachable (" + plane.events().pending() + " events wait)"
                        + (admin ? ": " + plane.events().lastError() : "")));
        components.put("container_manager", component(up ? "OK" : "ERROR", all.size() + " managed containers, "
                + running + " running, " + plane.replicas().list().size() + " desired images"));
        components.put("system_resources", systemComponent());

        Map<String, Object> body = new LinkedHashMap<>();
        String overall = !up ? "ERROR" : components.values().stream()
                .anyMatch(c -> !"OK".equals(((Map<?, ?>) c).get("status"))) ? "DEGRADED" : "OK";
        body.put("status", overall);
        body.put("timestamp", Instant.now().toString());
        body.put("components", components);
        body.put("version", version);
        body.put("host", plane.host());
        body.put("uptime_seconds", Duration.between(started, Instant.now()).toSeconds());
        body.put("engine", engine);
        body.put("database", database);
        body.put("managed", managed);
        body.put("health_sampling", sampling);
        // Always 200, as the reference answers: the verdict is in the body (a liveness probe reads GET /health).
        Responses.json(ctx, 200, body);
    }

    /** Host CPU and memory use as the reference shows them ({@code "16.0%"}), WARNING from the health rule's warning level. */
    private Map<String, Object> systemComponent() {
        Map<String, Object> host = HostResources.snapshot();
        double cpu = ((Number) ((Map<?, ?>) host.get("cpu")).get("percent")).doubleValue();
        double memory = ((Number) ((Map<?, ?>) host.get("memory")).get("percent")).doubleValue();
        double worst = Math.max(cpu, memory);
        Map<String, Object> m = component(worst >= plane.rule().critical() ? "ERROR"
                : worst >= plane.rule().warning() ? "WARNING" : "OK",
                String.format(Locale.ROOT, "CPU %.1f%%, memory %.1f%%", cpu, memory));
        m.put("cpu_usage", String.format(Locale.ROOT, "%.1f%%", cpu));
        m.put("memory_usage", String.format(Locale.ROOT, "%.1f%%", memory));
        return m;
    }

    private static Map<String, Object> component(String status, String message) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", status);
        m.put("message", message);
        return m;
    }

    /**
     * {@code GET /test/integration}: each part of the control plane tried once; always 200, the verdict in the body:
     * {@code PASSED} when every test passed (warnings allowed), {@code FAILED} when one failed, {@code ERROR} when the
     * run itself broke.
     */
    void integration(Context ctx) {
        boolean admin = Caller.isAdmin(ctx);
        Map<String, Object> tests = new LinkedHashMap<>();
        String overall;
        try {
            tests.put("docker_connection", trial(() -> {
                EngineInfo info = plane.engine().info();
                return pass(info.product() + " " + info.version() + " answers at " + info.endpoint());
            }));
            tests.put("container_listing", trial(() -> {
                int onEngine = ManagedQueries.list(plane.engine()).size();
                int known = plane.containers().list().size();
                return onEngine == known ? pass(known + " managed containers listed")
                        : result("WARNING", "the engine lists " + onEngine + " managed containers, the control plane "
                        + "knows " + known + " (events on the way?)");
            }));
            tests.put("postgresql", trial(() -> {
                plane.store().listDesired();
                return plane.events().databaseReachable()
                        ? pass("database answers" + (admin ? ": " + plane.store().location() : ""))
                        : result("WARNING", "database answers again; " + plane.events().pending() + " events wait");
            }));
            tests.put("system_resources", trial(() -> {
                Map<String, Object> host = HostResources.snapshot();
                long total = ((Number) ((Map<?, ?>) host.get("memory")).get("total")).longValue();
                return total > 0 ? pass("CPU, memory and disk readable") : result("FAIL", "host memory unreadable");
            }));
            tests.put("health_monitoring", trial(() -> {
                var cycle = plane.health().lastCycle();
                return cycle == null ? result("WARNING", "no sampling cycle has completed yet")
                        : pass("last cycle " + cycle.at() + ": " + cycle.sampled() + " containers in "
                        + cycle.took().toMillis() + " ms");
            }));
            overall = tests.values().stream().anyMatch(t -> "FAIL".equals(((Map<?, ?>) t).get("status")))
                    ? "FAILED" : "PASSED";
        } catch (RuntimeException e) {
            overall = "ERROR";
            tests.putIfAbsent("error", result("FAIL", String.valueOf(e.getMessage())));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("timestamp", Instant.now().toString());
        body.put("tests", tests);
        body.put("overall_status", overall);
        Responses.json(ctx, 200, body);
    }

    private static Map<String, Object> trial(java.util.function.Supplier<Map<String, Object>> test) {
        try {
            return test.get();
        } catch (RuntimeException e) {
            return result("FAIL", String.valueOf(e.getMessage()));
        }
    }

    private static Map<String, Object> pass(String message) {
        return result("PASS", message);
    }

    private static Map<String, Object> result(String status, String message) {
        return component(status, message);
    }

    /** {@code OK} with everything, {@code DEGRADED} without the database (events wait), {@code ERROR} without the engine. */
    private String status(boolean engineUp) {
        return !engineUp ? "ERROR" : plane.events().databaseReachable() ? "OK" : "DEGRADED";
    }

    /**
     * {@code GET /system/resources}: the reference's {@code {system: {cpu, memory, disk}, docker: {...}}} — memory of
     * the managed containers as the engine measured it at the last health cycle — with Capstan's {@code cpu}, {@code memory}, {@code disk} and
     * {@code containers} beside it.
     */
    void resources(Context ctx) {
        Map<String, Object> body = HostResources.snapshot();
        List<ManagedContainer> all = plane.containers().list();
        List<ManagedContainer> running = all.stream().filter(ManagedContainer::isRunning).toList();
        body.put("containers", Map.of("managed", all.size(), "running", running.size()));

        Map<?, ?> cpu = (Map<?, ?>) body.get("cpu");
        Map<?, ?> memory = (Map<?, ?>) body.get("memory");
        Map<?, ?> disk = (Map<?, ?>) body.get("disk");
        int cores = ((Number) cpu.get("count")).intValue();
        double cpuPercent = ((Number) cpu.get("percent")).doubleValue();
        Map<String, Object> system = new LinkedHashMap<>();
        system.put("cpu", ordered("total_cores", cores, "current_usage_percent", cpuPercent,
                "available_cores", Percent.round(cores * (1 - cpuPercent / 100))));
        system.put("memory", ordered("total_gb", gb(memory.get("total")), "available_gb", gb(memory.get("available")),
                "usage_percent", memory.get("percent")));
        system.put("disk", ordered("total_gb", gb(disk.get("total")), "free_gb", gb(disk.get("free")),
                "usage_percent", disk.get("percent")));

        List<ContainerStats> stats = running.stream().map(c -> plane.health().lastStats().get(c.id()))
                .filter(java.util.Objects::nonNull).toList();
        double totalCpu = Percent.round(stats.stream().mapToDouble(ContainerStats::cpuPercent).sum());
        double totalMemoryMb = Percent.round(stats.stream().mapToLong(ContainerStats::memoryUsage).sum() / 1048576.0);
        Map<String, Object> docker = new LinkedHashMap<>();
        docker.put("managed_containers", all.size());
        docker.put("running_containers", running.size());
        docker.put("total_cpu_usage_percent", totalCpu);
        docker.put("total_memory_usage_mb", totalMemoryMb);
        docker.put("average_cpu_per_container", stats.isEmpty() ? 0.0 : Percent.round(totalCpu / stats.size()));
        docker.put("average_memory_per_container_mb", stats.isEmpty() ? 0.0 : Percent.round(totalMemoryMb / stats.size()));
        body.put("system", system);
        body.put("docker", docker);
        Responses.json(ctx, 200, body);
    }

    private static double gb(Object bytes) {
        return Percent.round(((Number) bytes).longValue() / (double) (1L << 30));
    }

    private static Map<String, Object> ordered(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }

    /**
     * {@code GET /images}: {@code {"images": [...]}}, the desired images as stored, with how many instances each has
     * and runs; {@code engine_images} beside it lists the engine's images with their managed instances.
     */
    void images(Context ctx) {
        Map<String, List<ManagedContainer>> byImage = plane.containers().list().stream()
                .collect(Collectors.groupingBy(ManagedContainer::image));
        var desiredStates = plane.replicas().list();
        var desired = desiredStates.stream()
                .collect(Collectors.toMap(d -> d.image(), DesiredApi::shape, (a, b) -> a));
        var distinct = new LinkedHashMap<String, io.capstan.core.model.ImageInfo>();
        plane.engineFacts().last().images().forEach(image -> distinct.putIfAbsent(image.id(), image));
        List<Map<String, Object>> images = distinct.values().stream().map(image -> {
            List<ManagedContainer> instances = image.repoTags().stream()
                    .flatMap(tag -> byImage.getOrDefault(tag, List.of()).stream()).toList();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", image.id());
            m.put("tags", image.repoTags());
            m.put("size", image.size());
            m.put("created", image.created());
            m.put("instances", instances.size());
            m.put("running", instances.stream().filter(ManagedContainer::isRunning).count());
            m.put("desired", image.repoTags().stream().map(desired::get).filter(java.util.Objects::nonNull)
                    .findFirst().orElse(null));
            return m;
        }).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("images", desiredStates.stream()
                .map(d -> Wire.desiredImage(d, byImage.getOrDefault(d.image(), List.of()))).toList());
        body.put("engine_images", images);
        Responses.json(ctx, 200, body);
    }
}
