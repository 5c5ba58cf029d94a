package io.capstan.control.health;

import io.capstan.control.managed.ManagedContainer;
import io.capstan.control.managed.ManagedContainers;
import io.capstan.control.store.HealthSnapshot;
import io.capstan.control.store.Store;
import io.capstan.core.error.CapstanException;
import io.capstan.core.model.ContainerStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples every managed container once per interval, all of them in parallel, and stores one
 * {@code health_snapshots} row each: CPU and memory percent as {@code docker stats} computes them, the disk holding
 * the engine's data, and the class {@link HealthRule} gives. Rows older than the retention are pruned.
 */
public final class HealthMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HealthMonitor.class);
    private static final Path ENGINE_ROOT = Path.of("/var/lib/docker");

    private final ManagedContainers containers;
    private final Store store;
    private final HealthRule rule;
    private final String host;
    private final Duration retention;
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

    private void cycle() {
        try {
            sampleOnce();
        } catch (RuntimeException e) {
            LOG.warn("health sampling failed: {}", e.getMessage());
        }
    }

    /** Samples every managed container now, stores the rows, prunes old ones, and returns what was stored. */
    public List<HealthSnapshot> sampleOnce() {
        Instant now = Instant.now();
        double disk = diskPercent();
        List<HealthSnapshot> samples = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<HealthSnapshot>> futures = containers.list().stream()
                    .map(c -> pool.submit(() -> sample(c, disk, now))).toList();
            for (Future<HealthSnapshot> f : futures) {
                HealthSnapshot s = f.get();
                if (s != null) {
                    samples.add(store.recordHealth(s));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        store.pruneHealth(now.minus(retention));
        return samples;
    }

    private HealthSnapshot sample(ManagedContainer c, double disk, Instant now) {
        double cpu = 0;
        double memory = 0;
        if (c.isRunning()) {
            try {
                ContainerStats stats = containers.stats(c.id());
                cpu = round(stats.cpuPercent());
                memory = round(stats.memoryPercent());
            } catch (CapstanException gone) {
                return null; // removed between listing and sampling: nothing to record
            }
        }
        return new HealthSnapshot(0, c.image(), c.id(), c.name(), host, cpu, memory, disk,
                rule.classify(c.isRunning(), cpu, memory), now);
    }

    /** Percent used of the disk holding the engine's data (the root disk when that is not here). */
    public static double diskPercent() {
        Path path = Files.isDirectory(ENGINE_ROOT) ? ENGINE_ROOT : Path.of("/");
        try {
            FileStore fs = Files.getFileStore(path);
            long total = fs.getTotalSpace();
            return total == 0 ? 0 : round(100.0 * (total - fs.getUsableSpace()) / total);
        } catch (IOException e) {
            return 0;
        }
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
