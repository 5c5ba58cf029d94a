package io.capstan.control.replicas;

import io.capstan.control.managed.Outcome;
import io.capstan.control.store.DesiredImage;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Where the replicas of desired images live and who keeps their count: containers on the engine that Capstan's own
 * {@link Reconciler} holds, or workloads on a cluster (a Swarm service) that the cluster holds by itself. Chosen
 * once, when the control plane starts; {@link Replicas} keeps the desired states and tells the placement of changes.
 */
public interface ReplicaPlacement extends AutoCloseable {

    /** Makes a placement from the desired states: one image's ({@code desired}), and every image that has one. */
    @FunctionalInterface
    interface Factory {
        ReplicaPlacement create(Function<String, Optional<DesiredImage>> desired, Supplier<List<String>> images);
    }

    /** Starts holding every desired state (after the current replicas have been read). */
    void start();

    /** Asks for a pass over {@code image}; returns at once. */
    void trigger(String image);

    /** The desired state of {@code image} changed: converge to it. */
    void changed(String image);

    /** Runs {@code action} while no pass over {@code image} runs. */
    <T> T exclusive(String image, Supplier<T> action);

    /** Removes every replica of {@code image} (its desired count is already 0); one outcome per replica. */
    List<Outcome> removeAll(String image);

    /**
     * Refuses, with a {@link io.capstan.core.error.ConflictException} saying why, an operation on one replica
     * ({@code operation}, such as "stopping a replica") where replicas are not handled one by one.
     */
    void checkPerReplica(String operation);

    /**
     * Whether replicas run where the control plane's engine can judge them: that it has the image and the capacity.
     * A cluster whose nodes pull images themselves answers false.
     */
    default boolean judgedByEngine() {
        return true;
    }

    /** Tells {@code listener} the image and duration of every pass (for metrics). */
    void afterEachPass(BiConsumer<String, Duration> listener);

    @Override
    void close();
}
