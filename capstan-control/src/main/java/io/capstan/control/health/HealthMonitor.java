package io.capstan.control.health;

import io.capstan.control.managed.ManagedContainer;
import io.capstan.control.managed.ManagedContainers;
import io.capstan.control.store.HealthSnapshot;
import io.capstan.control.store.Store;
import io.capstan.core.error.CapstanException;
import io.capstan.core.model.ContainerStats;
import io.capstan.core.model.CpuCounters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Samples every managed container once per interval, all of them in parallel, and stores one
 * {@code health_snapshots} row each: CPU and memory percent as {@code docker stats} computes them, the disk holding
 * the engine's data, and the class {@link HealthRule} gives. Rows older than the retention are pruned.
 */
public final class HealthMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HealthMonitor.class);

    private final ManagedContainers containers;
    private final Store store;
    private final HealthRule rule;
    private final String host;
    private final Duration retention;
    private volatile Cycle lastCycle;
    /** Each container's CPU counters at its last periodic sample. */
    private final Map<String, CpuCounters> previous = new ConcurrentHashMap<>();
    private final List<Consumer<List<HealthSnapshot>>> afterCycle = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Each running container's engine figures at the last cycle, for metrics (never a fresh engine call). */
    private final Map<String, ContainerStats> lastStats = new ConcurrentHashMap<>();
    /** Each container's last sample with its figures: what the API shows, so that reading it never calls the engine. */
    private final Map<String, Live> latest = new ConcurrentHashMap<>();
    /** Running containers the engine gave no figures for when asked between cycles: not asked again until the next. */
    private final Map<String, CapstanException> unreadable = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("capstan-health").daemon().factory());

    public HealthMonitor(ManagedContainers containers, Store store, HealthRule rule, String host, Duration retention) {
        this.containers = containers;
        this.store = store;
        this.rule = rule;
        this.host = host;
        this.retention = retention;
    }

    /** Samples every {@code interval} from now on, the first time after one interval. */
    public HealthMonitor every(Duration interval) {
        timer.scheduleWithFixedDelay(this::cycle, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Hands every cycle's samples to {@code listener} (the autoscaler, metrics, the event stream). */
    public void afterEachCycle(Consumer<List<HealthSnapshot>> listener) {
        afterCycle.add(listener);
    }

    private void cycle() {
        List<HealthSnapshot> samples;
        try {
            samples = sampleOnce();
        } catch (RuntimeException e) {
            LOG.warn("health sampling failed: {}", e.getMessage());
            return;
        }
        for (Consumer<List<HealthSnapshot>> listener : afterCycle) {
            try {
                listener.accept(samples);
            } catch (RuntimeException e) {
                LOG.warn("after health sampling: {}", e.getMessage());
            }
        }
    }

    /** The engine's figures of each container that ran at the last cycle, by container id. */
    public Map<String, ContainerStats> lastStats() {
        return java.util.Collections.unmodifiableMap(lastStats);
    }

    /** How the last sampling cycle went: when it ended, how long it took, and how many containers it sampled. */
    public record Cycle(Instant at, Duration took, int sampled) {
    }

    /** The last completed cycle, or null before the first. */
    public Cycle lastCycle() {
        return lastCycle;
    }

    /**
     * One container's usage now, classified, with the engine's figures it came from (null when it is not running).
     * Not stored: {@link #sampleOnce()} stores; the API shows this.
     */
    public record Live(HealthSnapshot sample, ContainerStats stats) {
    }

    /** Samples one container now; a container that is gone is a {@link CapstanException}. */
    public Live live(ManagedContainer c) {
        return live(c, EngineDisk.measure().percent(), layerSizes(c.image()), Instant.now(), false);
    }

    /**
     * {@code periodic}: CPU over the time since this container's previous cycle, from one reading of the engine (Docker
     * answers at its next once-a-second collection); otherwise from two, as {@code docker stats} does (up to 2 s).
     */
    private Live live(ManagedContainer c, double disk, Map<String, Long> layers, Instant now, boolean periodic) {
        ContainerStats stats = null;
        if (c.isRunning()) {
            stats = periodic ? containers.statsSince(c.id(), previous.get(c.id())) : containers.stats(c.id());
            if (periodic) {
                previous.put(c.id(), stats.cpu());
                lastStats.put(c.id(), stats);
            }
        }
        double cpu = stats == null ? 0 : Percent.round(stats.cpuPercent());
        double memory = stats == null ? 0 : Percent.round(stats.memoryPercent());
        return new Live(new HealthSnapshot(0, c.image(), c.id(), c.name(), host, cpu, memory, disk, layers.get(c.id()),
                rule.classify(c.isRunning(), cpu, memory), c.health(), now), stats);
    }

    /**
     * One container's usage as last sampled, classified by its state now: a container that does not run is
     * {@code stopped} without asking the engine; one that runs and no cycle has sampled while it ran is sampled once
     * now and kept until the next cycle. So however often it is asked, the engine is called at most once per container
     * between cycles, whether it answers or not.
     */
    public Live latest(ManagedContainer c) {
        Live known = latest.get(c.id());
        if (!c.isRunning()) {
            HealthSnapshot before = known == null ? null : known.sample();
            return new Live(new HealthSnapshot(0, c.image(), c.id(), c.name(), host, 0, 0,
                    before == null ? EngineDisk.measure().percent() : before.diskUsage(),
                    before == null ? null : before.diskLayerBytes(), rule.classify(false, 0, 0), c.health(),
                    Instant.now()), null);
        }
        if (known != null && known.stats() != null) {
            return known;
        }
        CapstanException failed = unreadable.get(c.id());
        if (failed != null) {
            throw failed;
        }
        try {
            Live fresh = live(c);
            latest.put(c.id(), fresh);
            return fresh;
        } catch (io.capstan.core.error.NotFoundException gone) {
            throw gone;
        } catch (CapstanException e) {
            unreadable.put(c.id(), e);
            throw e;
        }
    }

    /** Samples every managed container now, stores the rows, prunes old ones, and returns what was stored. */
    public List<HealthSnapshot> sampleOnce() {
        long begun = System.nanoTime();
        Instant now = Instant.now();
        double disk = EngineDisk.measure().percent();
        List<HealthSnapshot> sampled = new ArrayList<>();
        List<ManagedContainer> all = containers.list();
        var running = new HashSet<>(all.stream().filter(ManagedContainer::isRunning).map(ManagedContainer::id).toList());
        previous.keySet().retainAll(new HashSet<>(all.stream().map(ManagedContainer::id).toList()));
        lastStats.keySet().retainAll(running);
        latest.keySet().retainAll(new HashSet<>(all.stream().map(ManagedContainer::id).toList()));
        unreadable.clear();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            // The engine walks every writable layer for this: alongside the stats reads, not before them.
            Future<Map<String, Long>> layers = pool.submit(() -> layerSizes(null));
            List<Future<HealthSnapshot>> futures = all.stream()
                    .map(c -> pool.submit(() -> sample(c, disk, layers, now))).toList();
            for (Future<HealthSnapshot> f : futures) {
                HealthSnapshot s = f.get();
                if (s != null) {
                    sampled.add(s);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        // one transaction for the cycle: hundreds of commits would each hold the write lock the event writer needs
        List<HealthSnapshot> samples = store.recordHealth(sampled);
        store.pruneHealth(now.minus(retention));
        lastCycle = new Cycle(Instant.now(), Duration.ofNanos(System.nanoTime() - begun), samples.size());
        return samples;
    }

    private HealthSnapshot sample(ManagedContainer c, double disk, Future<Map<String, Long>> layers, Instant now)
            throws InterruptedException, ExecutionException {
        try {
            Live sampled = live(c, disk, layers.get(), now, true);
            latest.put(c.id(), sampled);
            return sampled.sample();
        } catch (CapstanException gone) {
            return null; // removed between listing and sampling: nothing to record
        }
    }

    /** Writable-layer sizes of one image's containers (all when null); none when the engine will not say. */
    private Map<String, Long> layerSizes(String image) {
        try {
            return containers.writableLayerSizes(image);
        } catch (CapstanException e) {
            LOG.debug("no writable-layer sizes: {}", e.getMessage());
            return Map.of();
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
