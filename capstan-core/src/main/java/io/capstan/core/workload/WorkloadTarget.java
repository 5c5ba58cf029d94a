package io.capstan.core.workload;

import io.capstan.core.engine.LogOptions;
import io.capstan.core.engine.Subscription;
import io.capstan.core.model.LogLine;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Something that runs workloads and keeps them running by itself: a Swarm (services), Kubernetes (Deployments).
 * Every call returns once the target accepted the request; replicas converge afterwards (watch {@link #inspect}).
 * What only some targets offer is a capability, asked for with {@link #capability(Class)}.
 */
public interface WorkloadTarget extends AutoCloseable {

    /** The target's name for people, such as {@code Docker Swarm at unix:///var/run/docker.sock}. */
    String describe();

    /** Creates the workload; a name in use is a {@link io.capstan.core.error.ConflictException}. */
    WorkloadStatus create(WorkloadSpec spec);

    /** Replaces the workload's spec; its replicas are replaced as the spec's {@link UpdatePolicy} says. */
    WorkloadStatus update(WorkloadSpec spec);

    /** Changes the number of replicas of a replicated workload. */
    WorkloadStatus scale(String name, int replicas);

    /** Returns the workload to its spec before the last update, replacing replicas as its rollback policy says. */
    WorkloadStatus rollback(String name);

    void remove(String name);

    /** The workloads that carry all of {@code labels} (all workloads when empty). */
    List<WorkloadStatus> list(Map<String, String> labels);

    /** One workload by name or id; a missing one is a {@link io.capstan.core.error.NotFoundException}. */
    WorkloadStatus inspect(String name);

    /** The output of all of the workload's replicas. */
    Subscription logs(String name, LogOptions options, Consumer<LogLine> sink);

    /** An optional capability ({@link Nodes}, {@link Secrets}, {@link Configs}, ...) if this target offers it. */
    default <T> Optional<T> capability(Class<T> type) {
        return type.isInstance(this) ? Optional.of(type.cast(this)) : Optional.empty();
    }

    @Override
    default void close() {
    }
}
