package io.capstan.control.workload;

import io.capstan.control.events.EventWriter;
import io.capstan.control.managed.ManagedContainer;
import io.capstan.control.managed.ManagedState;
import io.capstan.control.managed.Outcome;
import io.capstan.control.replicas.ImageWorkQueue;
import io.capstan.control.replicas.ReplicaPlacement;
import io.capstan.control.store.DesiredImage;
import io.capstan.control.store.EventRecord;
import io.capstan.core.error.CapstanException;
import io.capstan.core.error.ConflictException;
import io.capstan.core.error.EngineUnavailableException;
import io.capstan.core.error.NotFoundException;
import io.capstan.core.text.Counted;
import io.capstan.core.workload.Autoscaling;
import io.capstan.core.workload.RemoteImages;
import io.capstan.core.workload.WorkloadSpec;
import io.capstan.core.workload.WorkloadStatus;
import io.capstan.core.workload.WorkloadTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Desired images as services of a workload target (a Swarm): each image is one service whose replica count is the
 * desired count, so the target itself keeps the replicas running, replaces a killed one and rolls an update. A pass
 * over an image creates its service, updates it when its configuration changed (a rolling update), or scales it when
 * only the count did; nothing else. The service's labels say which image it runs and with what configuration, so a
 * restarted control plane adopts it as it is. On a target that autoscales by itself ({@link Autoscaling}), an image's
 * autoscaling policy is handed to it and the target then owns the replica count.
 */
public final class ServiceReplicas implements ReplicaPlacement {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceReplicas.class);

    private final WorkloadTarget target;
    private final Function<String, String> imageIds;
    private final ManagedState state;
    private final EventWriter events;
    private final String host;
    private final Function<String, Optional<DesiredImage>> desired;
    private final Supplier<List<String>> images;
    private final Duration resync;
    private final Runnable afterChange;
    private final List<BiConsumer<String, Duration>> afterPass = new CopyOnWriteArrayList<>();
    private final ImageWorkQueue queue;
    private final Map<String, String> autoscaleRefusals = new ConcurrentHashMap<>();
    private volatile boolean started;
    private volatile boolean closed;

    /**
     * @param imageIds    the engine's id of an image reference now ({@link NotFoundException} when it has none): a
     *                    rebuilt tag rolls the service
     * @param resync      how often every image's service is compared with its desired state even when nothing changed
     * @param afterChange run after the control plane changed a service (to read its tasks sooner)
     */
    public ServiceReplicas(WorkloadTarget target, Function<String, String> imageIds, ManagedState state, EventWriter events,
                           String host, Function<String, Optional<DesiredImage>> desired, Supplier<List<String>> images,
                           Duration resync, Runnable afterChange) {
        this.target = target;
        this.imageIds = imageIds;
        this.state = state;
        this.events = events;
        this.host = host;
        this.desired = desired;
        this.images = images;
        this.resync = resync;
        this.afterChange = afterChange;
        this.queue = new ImageWorkQueue("capstan-service-replicas",
                image -> started && !closed && desired.apply(image).isPresent(), this::pass, this::failed);
    }

    @Override
    public void start() {
        started = true;
        images.get().forEach(this::trigger);
        queue.every(resync, () -> images.get().forEach(this::trigger));
    }

    @Override
    public void trigger(String image) {
        queue.trigger(image);
    }

    @Override
    public void changed(String image) {
        trigger(image);
    }

    @Override
    public <T> T exclusive(String image, Supplier<T> action) {
        return queue.exclusive(image, action);
    }

    /** Removes the image's service: the target stops its tasks. One outcome per task that was running. */
    @Override
    public List<Outcome> removeAll(String image) {
        List<ManagedContainer> replicas = state.ofImage(image);
        String name = ServiceSpecs.serviceName(image);
        try {
            target.remove(name);
        } catch (NotFoundException gone) {
            // removed meanwhile, or never made
        } catch (CapstanException e) {
            return replicas.isEmpty() ? List.of(Outcome.failed(null, name, "remove", e))
                    : replicas.stream().map(c -> Outcome.failed(c.id(), c.name(), "remove", e)).toList();
        }
        record(image, "service", "service " + name + " removed");
        afterChange.run();
        return replicas.stream().map(c -> Outcome.done(c, "removed")).toList();
    }

    @Override
    public void checkPerReplica(String operation) {
        throw new ConflictException(operation + " is not supported when the control plane runs on "
                + target.describe() + ": each image is one workload whose replicas the target keeps by itself; "
                + "change the image's desired state instead (PUT /containers/{image}/desired, "
                + "POST /containers/{image}/scale)");
    }

    @Override
    public boolean judgedByEngine() {
        return target.capability(RemoteImages.class).isEmpty();
    }

    @Override
    public void afterEachPass(BiConsumer<String, Duration> listener) {
        afterPass.add(listener);
    }

    private ImageWorkQueue.Pass pass(String image) {
        Optional<DesiredImage> d = desired.apply(image);
        if (closed || d.isEmpty()) {
            return ImageWorkQueue.Pass.SKIPPED;
        }
        long begun = System.nanoTime();
        try {
            reconcile(d.get());
            return ImageWorkQueue.Pass.DONE;
        } finally {
            Duration took = Duration.ofNanos(System.nanoTime() - begun);
            afterPass.forEach(listener -> listener.accept(image, took));
        }
    }

    private void failed(String image, RuntimeException e) {
        LOG.warn("cannot reconcile {}: {}", image, e.getMessage());
        record(image, "failed", "reconcile failed: " + e.getMessage());
    }

    private void reconcile(DesiredImage d) {
        WorkloadSpec wanted = ServiceSpecs.of(d, imageId(d.image()));
        Optional<Autoscaling> autoscaling = target.capability(Autoscaling.class);
        // a target that autoscales the image holds its replica count: it is neither scaled nor reset by an update
        boolean autoscaled = autoscaling.isPresent() && d.autoscale() != null;
        WorkloadStatus current;
        try {
            current = target.inspect(wanted.name());
        } catch (NotFoundException missing) {
            target.create(wanted);
            record(d.image(), "service", "service " + wanted.name() + " created with "
                    + Counted.of(d.replicas(), "replica"));
            autoscaling.ifPresent(a -> syncAutoscaling(a, wanted.name(), d));
            afterChange.run();
            return;
        }
        if (ServiceSpecs.rolls(current.labels(), wanted)) {
            int count = autoscaled ? current.spec().replicas() : d.replicas();
            target.update(autoscaled ? wanted.toBuilder().replicas(count).build() : wanted);
            record(d.image(), "rollout", "service " + wanted.name() + " updated: its replicas are replaced one at a "
                    + "time (" + Counted.of(count, "replica") + ")");
            afterChange.run();
        } else if (!autoscaled && current.spec().replicas() != d.replicas()) {
            target.scale(wanted.name(), d.replicas());
            record(d.image(), "service", "service " + wanted.name() + " scaled from " + current.spec().replicas()
                    + " to " + Counted.of(d.replicas(), "replica"));
            afterChange.run();
        }
        autoscaling.ifPresent(a -> syncAutoscaling(a, wanted.name(), d));
    }

    private void syncAutoscaling(Autoscaling autoscaling, String workload, DesiredImage d) {
        try {
            TargetAutoscaling.sync(autoscaling, workload, d).ifPresent(change -> record(d.image(), "autoscale", change));
            autoscaleRefusals.remove(d.image());
        } catch (EngineUnavailableException e) {
            throw e;
        } catch (CapstanException e) {
            // the target refused this image's autoscaler (say, a role that may not read it): said once until it
            // changes, and the rest of the pass stands
            String line = "autoscaling of " + d.image() + " not applied: " + e.getMessage();
            if (!line.equals(autoscaleRefusals.put(d.image(), line))) {
                LOG.warn(line);
                record(d.image(), "failed", line);
            }
        }
    }

    private String imageId(String image) {
        try {
            return imageIds.apply(image);
        } catch (NotFoundException gone) {
            return null;
        }
    }

    private void record(String image, String event, String status) {
        events.submit(EventRecord.decision(image, null, null, host, event, status), null);
    }

    @Override
    public void close() {
        closed = true;
        queue.close();
    }
}
