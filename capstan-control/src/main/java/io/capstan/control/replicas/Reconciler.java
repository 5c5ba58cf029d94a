package io.capstan.control.replicas;

import io.capstan.control.events.EventWriter;
import io.capstan.control.managed.CreateRequest;
import io.capstan.control.managed.ManagedContainer;
import io.capstan.control.managed.ManagedContainers;
import io.capstan.control.managed.ManagedState;
import io.capstan.control.managed.Outcome;
import io.capstan.control.managed.ReplicaSpec;
import io.capstan.control.store.DesiredImage;
import io.capstan.control.store.EventRecord;
import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.error.CapstanException;
import io.capstan.core.error.EngineException;
import io.capstan.core.error.EngineUnavailableException;
import io.capstan.core.error.NotFoundException;
import io.capstan.core.readiness.Readiness;
import io.capstan.core.spec.Resources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Holds every desired image's running replica count, the way a Kubernetes controller does: it is told of every
 * change to a managed container (the engine's event stream feeds {@link ManagedState}), and resyncs everything
 * periodically as a safety net. Work is per image and one at a time ({@link ImageWorkQueue}): triggers that arrive
 * while an image is being reconciled fold into one more pass, so concurrent events never create duplicates.
 *
 * <p>A pass, from what the engine shows: removes surplus replicas (outdated ones first, then the newest), restarts
 * stopped ones in place (with {@link CrashBackoff}), removes stopped ones not needed or outdated, creates what is
 * still missing in parallel, and, once the count is right, replaces one outdated replica: start the new one, wait
 * until it runs (and is healthy, if the image has a healthcheck), then remove the old one. Everything it needs to
 * know lives in the containers' labels, so a restarted control plane adopts what it finds and carries on.
 */
public final class Reconciler implements ReplicaPlacement {
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
    private static final int REFUSALS_BEFORE_REPLACING = 3;

    /**
     * @param resync         how often every image is reconciled even when nothing was heard (default 30 s)
     * @param crashWindow    a container that dies sooner than this after starting counts as a crash
     * @param backoffBase    the first crash-loop delay, doubled per further crash
     * @param backoffCap     the longest crash-loop delay
     * @param rolloutTimeout how long a new replica may take to run (and be healthy) before a rollout step gives up
     */
    public record Options(Duration resync, Duration crashWindow, Duration backoffBase, Duration backoffCap,
                          Duration rolloutTimeout) {
        public static final Options DEFAULT = new Options(Duration.ofSeconds(30), Duration.ofSeconds(10),
                Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofMinutes(2));
    }

    private final ContainerEngine engine;
    private final ManagedContainers containers;
    private final ManagedState state;
    private final EventWriter events;
    private final String host;
    private final Function<String, Optional<DesiredImage>> desired;
    private final Supplier<List<String>> desiredImages;
    private final Options options;
    private final CrashBackoff crashes;
    /** Per stopped replica, how many passes in a row the engine refused to start it. */
    private final Map<String, Integer> refusedStarts = new ConcurrentHashMap<>();
    private final ImageWorkQueue queue;
    /** The engine's id of each desired image's reference, refreshed every resync: a rebuilt tag rolls the replicas. */
    private final Map<String, String> imageIds = new ConcurrentHashMap<>();
    private volatile boolean started;
    private volatile boolean closed;
    private final List<java.util.function.BiConsumer<String, Duration>> afterPass =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    Reconciler(ContainerEngine engine, ManagedContainers containers, ManagedState state, EventWriter events, String host,
               Function<String, Optional<DesiredImage>> desired, Supplier<List<String>> desiredImages, Options options) {
        this.engine = engine;
        this.containers = containers;
        this.state = state;
        this.events = events;
        this.host = host;
        this.desired = desired;
        this.desiredImages = desiredImages;
        this.options = options;
        this.crashes = new CrashBackoff(options.crashWindow(), options.backoffBase(), options.backoffCap());
        this.queue = new ImageWorkQueue("capstan-reconciler",
                image -> started && !closed && desired.apply(image).isPresent(), this::pass, this::failed);
    }

    /** Reconciles every desired image now, then on every change and every resync interval. */
    @Override
    public void start() {
        started = true;
        resolveImages();
        desiredImages.get().forEach(this::trigger);
        queue.every(options.resync(), this::resync);
    }

    /** Tells {@code listener} the image and duration of every pass, failed ones included (for metrics). */
    @Override
    public void afterEachPass(java.util.function.BiConsumer<String, Duration> listener) {
        afterPass.add(listener);
    }

    /** Asks for a pass over {@code image}; returns at once. Images with no desired state are ignored. */
    @Override
    public void trigger(String image) {
        queue.trigger(image);
    }

    /** Runs {@code action} while no pass over {@code image} runs: API changes to an image's replicas go through here. */
    @Override
    public <T> T exclusive(String image, Supplier<T> action) {
        return queue.exclusive(image, action);
    }

    /** Re-reads the engine's image ids, then reconciles {@code image} (after its desired state changed). */
    @Override
    public void changed(String image) {
        resolve(image);
        trigger(image);
    }

    /** Removes every managed container of {@code image}, one by one; one that went away by itself is not counted. */
    @Override
    public List<Outcome> removeAll(String image) {
        List<Outcome> removed = new ArrayList<>();
        for (ManagedContainer c : state.ofImage(image)) {
            try {
                removed.add(Outcome.done(containers.delete(c.id(), true), "removed"));
            } catch (NotFoundException gone) {
                // went away by itself
            } catch (CapstanException e) {
                removed.add(Outcome.failed(c.id(), c.name(), "remove", e));
            }
        }
        return removed;
    }

    /** Every replica is a container of its own here: each can be stopped, started and removed. */
    @Override
    public void checkPerReplica(String operation) {
    }

    private void later(String image, Duration delay) {
        queue.later(image, delay);
    }

    private void resync() {
        try {
            containers.resync();
            resolveImages();
            Set<String> present = new HashSet<>(state.all().stream().map(ManagedContainer::id).toList());
            crashes.retainOnly(present);
            refusedStarts.keySet().retainAll(present);
            desiredImages.get().forEach(this::trigger);
        } catch (RuntimeException e) {
            LOG.debug("periodic resync failed: {}", e.getMessage());
        }
    }

    private void resolveImages() {
        desiredImages.get().forEach(this::resolve);
        imageIds.keySet().retainAll(new HashSet<>(desiredImages.get()));
    }

    private void resolve(String image) {
        try {
            imageIds.put(image, engine.images().inspect(image).id());
        } catch (NotFoundException gone) {
            imageIds.remove(image);
        } catch (CapstanException e) {
            LOG.debug("cannot inspect image {}: {}", image, e.getMessage());
        }
    }

    private ImageWorkQueue.Pass pass(String image) {
        Optional<DesiredImage> d = desired.apply(image);
        if (closed || d.isEmpty()) {
            return ImageWorkQueue.Pass.SKIPPED;
        }
        long begun = System.nanoTime();
        try {
            return reconcile(d.get()) ? ImageWorkQueue.Pass.AGAIN : ImageWorkQueue.Pass.DONE;
        } finally {
            Duration took = Duration.ofNanos(System.nanoTime() - begun);
            afterPass.forEach(listener -> listener.accept(image, took));
        }
    }

    private void failed(String image, RuntimeException e) {
        LOG.warn("cannot reconcile {}: {}", image, e.getMessage());
        record(image, null, null, "failed", "reconcile failed: " + e.getMessage());
    }

    /** One pass; true when it took one rollout step and another pass should follow. */
    private boolean reconcile(DesiredImage d) {
        CreateRequest template = CreateRequest.of(d);
        Predicate<ManagedContainer> current = matches(template, imageIds.get(d.image()));
        // Replicas a request stopped stay as they are: neither restarted nor removed, and not counted.
        Set<String> held = Set.copyOf(d.stopped());
        List<ManagedContainer> all = state.ofImage(d.image()).stream()
                .filter(c -> !(held.contains(c.id()) && c.isDown())).toList();
        List<ManagedContainer> up = all.stream().filter(c -> !c.isDown() && !"removing".equals(c.status())).toList();
        int missing = d.replicas() - up.size();

        if (missing < 0) {
            InParallel.each(up.stream().sorted(Comparator.comparing((ManagedContainer c) -> current.test(c))
                            .thenComparing(ManagedContainer::created, Comparator.reverseOrder()))
                    .limit(-missing).toList(),
                    c -> remove(c, "scale-down", "removed: " + up.size() + " running, " + d.replicas() + " wanted"));
        }
        int needed = Math.max(missing, 0);
        Instant now = Instant.now();
        List<ManagedContainer> unwanted = new ArrayList<>();
        for (ManagedContainer c : all.stream().filter(ManagedContainer::isDown).toList()) {
            if (needed > 0 && current.test(c)) {
                if (restartOrWait(c, now)) {
                    needed--;
                }
            } else {
                unwanted.add(c);
            }
        }
        if (!unwanted.isEmpty()) {
            InParallel.each(unwanted, c -> remove(c, "cleanup",
                    current.test(c) ? "removed: stopped and not needed" : "removed: stopped and outdated"));
        }
        if (needed > 0) {
            createAll(template, needed);
            return false;
        }
        if (missing == 0) {
            Optional<ManagedContainer> outdated = up.stream().filter(current.negate()).findFirst();
            if (outdated.isPresent()) {
                rollOne(template, outdated.get());
                return true;
            }
        }
        return false;
    }

    private Predicate<ManagedContainer> matches(CreateRequest template, String imageId) {
        String spec = ReplicaSpec.hash(template);
        Resources wanted = template.resources().toResources();
        return c -> spec.equals(c.spec())
                && (imageId == null || c.imageId() == null || imageId.equals(c.imageId()))
                && (c.cpuLimit() == null ? 0 : Math.round(c.cpuLimit() * 1e9)) == wanted.nanoCpus()
                && (c.memoryLimit() == null ? 0 : c.memoryLimit()) == wanted.memoryBytes();
    }

    /**
     * Restarts a stopped replica, or leaves it to wait out its crash-loop delay; false when the engine refused to
     * start it and it was removed, so that a new replica takes its place.
     */
    private boolean restartOrWait(ManagedContainer c, Instant now) {
        CrashBackoff.Verdict verdict = crashes.judge(c, now);
        if (verdict.waiting()) {
            if (verdict.newDeath()) {
                state.crashLooping(c.id(), true);
                record(c.image(), c.id(), c.name(), "crashloop", "crashloop: exited (" + c.exitCode() + ") after "
                        + seconds(c.startedAt(), c.finishedAt()) + ", " + verdict.crash().failures()
                        + " crashes in a row; restarting in " + verdict.delay().toMillis() + " ms");
            }
            later(c.image(), verdict.delay());
            return true;
        }
        state.crashLooping(c.id(), false);
        try {
            engine.containers().start(c.id());
        } catch (EngineUnavailableException | NotFoundException e) {
            throw e;
        } catch (CapstanException refused) {
            // A container the engine will never start again (dockerd 20.10 keeps a stale task of a container started
            // while it shut down: "task ... already exists") would hold its replica's place forever; a refusal that
            // passes (a busy engine) keeps the container, its logs and its name.
            int refusals = refusedStarts.merge(c.id(), 1, Integer::sum);
            if (refusals < REFUSALS_BEFORE_REPLACING) {
                throw refused;
            }
            refusedStarts.remove(c.id());
            remove(c, "replace", "removed: the engine refused to restart it " + refusals + " times in a row ("
                    + refused.getMessage() + "); a new replica takes its place");
            return false;
        }
        refusedStarts.remove(c.id());
        int restarts = crashes.restarted(c.id());
        ManagedContainer restarted = containers.refresh(c.id());
        record(c.image(), c.id(), c.name(), "restart", "restarted after " + c.status()
                + ("created".equals(c.status()) ? "" : " (" + c.exitCode() + ")") + ", restart " + restarts
                + (restarted.isRunning() ? "" : "; now " + restarted.status()));
        return true;
    }

    private static String seconds(Instant from, Instant to) {
        if (from == null || to == null) {
            return "?";
        }
        return String.format(java.util.Locale.ROOT, "%.1f s", Duration.between(from, to).toMillis() / 1000.0);
    }

    private void createAll(CreateRequest template, int count) {
        InParallel.each(java.util.Collections.nCopies(count, template), containers::create);
    }

    /**
     * One rollout step. Without fixed host ports: the new replica first, the old one removed once the new one runs.
     * A fixed host port can only be held by one: the old one goes first.
     */
    private void rollOne(CreateRequest template, ManagedContainer old) {
        boolean fixedPort = ReplicaSpec.bindsFixedHostPort(template.ports());
        if (fixedPort) {
            remove(old, "rollout", "removed to make room for its replacement (fixed host port)");
        }
        ManagedContainer fresh = containers.create(template);
        if (!awaitReady(fresh.id())) {
            remove(fresh, "rollout", "removed: the new replica did not become ready within "
                    + options.rolloutTimeout().toSeconds() + " s");
            throw new EngineException("rollout of " + template.image() + " stalled: the new replica "
                    + fresh.name() + " did not run" + (fresh.health().equals("none") ? "" : " healthy") + " in time");
        }
        if (!fixedPort) {
            remove(old, "rollout", "replaced by " + fresh.name());
        }
    }

    private boolean awaitReady(String id) {
        long deadline = System.nanoTime() + options.rolloutTimeout().toNanos();
        while (System.nanoTime() < deadline && !closed) {
            Readiness readiness = state.get(id).map(ReplicaReadiness::of).orElse(Readiness.STOPPED);
            if (readiness != Readiness.WAITING) {
                return readiness == Readiness.READY;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private void remove(ManagedContainer c, String event, String status) {
        try {
            containers.delete(c.id(), true);
        } catch (NotFoundException gone) {
            // removed meanwhile: what was wanted
        }
        crashes.forget(c.id());
        record(c.image(), c.id(), c.name(), event, status);
    }

    private void record(String image, String id, String name, String event, String status) {
        events.submit(EventRecord.decision(image, id, name, host, event, status), null);
    }

    @Override
    public void close() {
        closed = true;
        queue.close();
    }
}
