package io.capstan.server.observe;

import io.capstan.control.ControlPlane;
import io.capstan.control.events.EventWriter;
import io.capstan.control.health.HealthMonitor;
import io.capstan.control.managed.ManagedContainer;
import io.capstan.control.store.DesiredImage;
import io.capstan.core.model.ContainerStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The control plane's figures in Prometheus' text format. Everything comes from what the control plane already
 * keeps (managed state, desired states, the health monitor's last samples): a scrape never asks the engine.
 * Labels are bounded: images and containers the control plane manages, route templates, status codes.
 */
public final class ControlPlaneMetrics {
    /** What a scrape answers with. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final Duration[] API_BUCKETS = java.util.stream.LongStream.of(5, 10, 25, 50, 100, 250, 500,
            1000, 2500, 5000, 10000).mapToObj(Duration::ofMillis).toArray(Duration[]::new);

    private final ControlPlane plane;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final MultiGauge desired;
    private final MultiGauge running;
    private final MultiGauge ready;
    /** The meters of each container, so that they go when it goes. */
    private final Map<String, List<Meter>> perContainer = new ConcurrentHashMap<>();
    private final Map<String, ManagedContainer> current = new ConcurrentHashMap<>();

    public ControlPlaneMetrics(ControlPlane plane) {
        this.plane = plane;
        this.desired = MultiGauge.builder("capstan.desired.replicas")
                .description("Replicas the image's desired state asks for").register(registry);
        this.running = MultiGauge.builder("capstan.running.replicas")
                .description("Managed containers of the image that run").register(registry);
        this.ready = MultiGauge.builder("capstan.ready.replicas")
                .description("Running containers of the image that are healthy or have no healthcheck")
                .register(registry);
        Timer reconcile = Timer.builder("capstan.reconcile.duration").description("One reconciler pass over an image")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(2)).register(registry);
        plane.replicas().reconciler().afterEachPass((image, took) -> reconcile.record(took));
        Timer healthCycle = Timer.builder("capstan.health.cycle.duration")
                .description("One health-sampling cycle over every managed container").register(registry);
        plane.health().afterEachCycle(samples -> {
            var cycle = plane.health().lastCycle();
            if (cycle != null) {
                healthCycle.record(cycle.took());
            }
        });
        Timer stored = Timer.builder("capstan.event.write.delay")
                .description("From a lifecycle change (the engine's time of its event) until its row is stored")
                .publishPercentiles(0.5, 0.99).minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(1)).register(registry);
        plane.events().onWritten(event -> {
            stored.record(Duration.between(event.ts(), java.time.Instant.now()));
            if ("restart".equals(event.event())) {
                registry.counter("capstan.restarts", "image", event.image()).increment();
            }
        });
        Gauge.builder("capstan.event.queue.depth", plane.events(), EventWriter::pending)
                .description("Lifecycle events waiting to be written to the database").register(registry);
    }

    /** Counts one API request under its route template (never the raw path) and status. */
    public void request(String method, String route, int status, Duration took) {
        Timer.builder("capstan.api.requests").description("API requests by route template and status")
                .tags("method", method, "route", route, "status", String.valueOf(status))
                .serviceLevelObjectives(API_BUCKETS).register(registry).record(took);
    }

    /** The scrape: current figures, then the text (one at a time: each refresh adds and removes meters). */
    public synchronized String scrape() {
        refresh();
        return registry.scrape();
    }

    private void refresh() {
        List<ManagedContainer> all = plane.state().all();
        Map<String, Integer> runningByImage = new HashMap<>();
        Map<String, Integer> readyByImage = new HashMap<>();
        Set<String> images = new TreeSet<>();
        for (ManagedContainer c : all) {
            images.add(c.image());
            if (c.isRunning()) {
                runningByImage.merge(c.image(), 1, Integer::sum);
                if ("healthy".equals(c.health()) || "none".equals(c.health())) {
                    readyByImage.merge(c.image(), 1, Integer::sum);
                }
            }
        }
        List<DesiredImage> wanted = plane.replicas().list();
        wanted.forEach(d -> images.add(d.image()));
        desired.register(wanted.stream().map(d -> MultiGauge.Row.of(Tags.of("image", d.image()), d.replicas()))
                .toList(), true);
        running.register(rows(images, runningByImage), true);
        ready.register(rows(images, readyByImage), true);
        refreshContainers(all);
    }

    private static List<MultiGauge.Row<?>> rows(Set<String> images, Map<String, Integer> counts) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        images.forEach(image -> rows.add(MultiGauge.Row.of(Tags.of("image", image), counts.getOrDefault(image, 0))));
        return rows;
    }

    private void refreshContainers(List<ManagedContainer> all) {
        current.clear();
        all.forEach(c -> current.put(c.id(), c));
        perContainer.keySet().removeIf(id -> {
            if (current.containsKey(id)) {
                return false;
            }
            perContainer.get(id).forEach(registry::remove);
            return true;
        });
        for (ManagedContainer c : all) {
            perContainer.computeIfAbsent(c.id(), id -> register(c));
        }
    }

    private List<Meter> register(ManagedContainer c) {
        Tags tags = Tags.of("id", c.id().substring(0, Math.min(12, c.id().length())), "name", c.name(),
                "image", c.image());
        String id = c.id();
        // Micrometer holds a meter's state object weakly: it must live as long as the control plane (a map view
        // made for the call was collected, and the figures read NaN).
        HealthMonitor health = plane.health();
        return List.of(
                FunctionCounter.builder("capstan.container.cpu.usage", health,
                                h -> stat(h, id, s -> s.cpu() == null ? 0 : s.cpu().containerNanos() / 1e9))
                        .baseUnit("seconds").description("CPU time the container has used, at the last health sample")
                        .tags(tags).register(registry),
                Gauge.builder("capstan.container.memory.working.set", health,
                                h -> stat(h, id, ContainerStats::memoryUsage))
                        .baseUnit("bytes").description("Memory in use without page cache, at the last health sample")
                        .tags(tags).register(registry),
                Gauge.builder("capstan.container.spec.memory.limit", current,
                                m -> m.containsKey(id) && m.get(id).memoryLimit() != null ? m.get(id).memoryLimit() : 0)
                        .baseUnit("bytes").description("The container's memory limit, 0 when unlimited")
                        .tags(tags).register(registry));
    }

    private static double stat(HealthMonitor health, String id, java.util.function.ToDoubleFunction<ContainerStats> figure) {
        ContainerStats stats = health.lastStats().get(id);
        return stats == null ? 0 : figure.applyAsDouble(stats);
    }
}
