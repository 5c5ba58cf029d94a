package io.capstan.control.engineworkload;

import io.capstan.control.replicas.InParallel;
import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.LogOptions;
import io.capstan.core.engine.Subscription;
import io.capstan.core.error.ConflictException;
import io.capstan.core.error.InvalidSpecException;
import io.capstan.core.model.LogLine;
import io.capstan.core.workload.UpdatePolicy;
import io.capstan.core.workload.WorkloadSpec;
import io.capstan.core.workload.WorkloadStatus;
import io.capstan.core.workload.WorkloadTarget;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Workloads as Capstan's own replicas over the containers of one engine, the third {@link WorkloadTarget} beside
 * Swarm and Kubernetes. A workload is a never-started record container holding its spec in labels, and one container
 * per replica named {@code <workload>.<slot>.<short id>}; any process on the engine reads them back. Replicas keep
 * running, and restart per their restart policy, when the process ends; a rollout in progress does not continue.
 */
public final class EngineTarget implements WorkloadTarget {
    /** How long a new replica is watched when the update policy sets no monitor period, as on Swarm. */
    public static final Duration DEFAULT_MONITOR = Duration.ofSeconds(5);

    private final ContainerEngine engine;
    private final String node;
    private final WorkloadRecords records;
    private final ReplicaContainers replicas;
    private final RollingUpdate rollingUpdate;
    private final Map<String, WorkloadWorker> workers = new ConcurrentHashMap<>();
    private final Object changes = new Object();
    private volatile boolean closed;

    public EngineTarget(ContainerEngine engine) {
        this(engine, DEFAULT_MONITOR);
    }

    /** A target watching new replicas for {@code defaultMonitor} when an update policy sets no monitor period. */
    public EngineTarget(ContainerEngine engine, Duration defaultMonitor) {
        this.engine = engine;
        this.node = engine.describe();
        this.records = new WorkloadRecords(engine);
        this.replicas = new ReplicaContainers(engine);
        this.rollingUpdate = new RollingUpdate(records, replicas, new ReplicaWatch(engine), defaultMonitor);
    }

    @Override
    public String describe() {
        return "Capstan replicas on engine " + node;
    }

    @Override
    public WorkloadStatus create(WorkloadSpec spec) {
        ensureOpen();
        OneEngineLimits.check(spec);
        synchronized (changes) {
            if (records.find(spec.name()).isPresent()) {
                throw new ConflictException("workload '" + spec.name()
                        + "' already exists: update it or remove it first");
            }
            replicas.prepare(spec);
            Instant now = Instant.now();
            WorkloadRecord record = new WorkloadRecord(UUID.randomUUID().toString().replace("-", ""), spec, null, 1,
                    "", now, now);
            records.write(record);
            worker(spec.name()).converge();
            return status(record);
        }
    }

    @Override
    public WorkloadStatus update(WorkloadSpec spec) {
        ensureOpen();
        OneEngineLimits.check(spec);
        synchronized (changes) {
            WorkloadRecord current = records.require(spec.name());
            replicas.prepare(spec);
            WorkloadRecord next = current.next(spec, current.spec(), WorkloadRecord.UPDATE);
            records.write(next);
            worker(spec.name()).rollout(spec.update(), false);
            return status(next);
        }
    }

    @Override
    public WorkloadStatus scale(String name, int replicaCount) {
        ensureOpen();
        if (replicaCount < 0) {
            throw new InvalidSpecException("workload '" + name + "': invalid replicas " + replicaCount
                    + ": expected 0 or more");
        }
        synchronized (changes) {
            WorkloadRecord current = records.require(name);
            if (current.spec().mode() == WorkloadSpec.Mode.GLOBAL) {
                throw new InvalidSpecException("workload '" + name + "' is global: it runs one replica on this "
                        + "engine and cannot be scaled");
            }
            WorkloadSpec scaled = current.spec().toBuilder().replicas(replicaCount).build();
            OneEngineLimits.check(scaled);
            WorkloadRecord next = current.next(scaled, current.previous(), null);
            records.write(next);
            worker(name).converge();
            return status(next);
        }
    }

    @Override
    public WorkloadStatus rollback(String name) {
        ensureOpen();
        synchronized (changes) {
            WorkloadRecord current = records.require(name);
            if (current.previous() == null) {
                throw new ConflictException("workload '" + name
                        + "' was never updated: there is nothing to roll back to");
            }
            replicas.prepare(current.previous());
            UpdatePolicy policy = current.spec().rollback();
            WorkloadRecord next = current.next(current.previous(), current.spec(), WorkloadRecord.ROLLBACK);
            records.write(next);
            worker(next.name()).rollout(policy, true);
            return status(next);
        }
    }

    @Override
    public void remove(String name) {
        synchronized (changes) {
            WorkloadRecord record = records.require(name);
            WorkloadWorker worker = workers.remove(record.name());
            if (worker != null) {
                worker.close();
            }
            List<Replica> all = replicas.of(record.name());
            if (!all.isEmpty()) {
                InParallel.each(all, r -> replicas.remove(r, record.spec()));
            }
            records.removeAll(record.name());
        }
    }

    @Override
    public List<WorkloadStatus> list(Map<String, String> labels) {
        return records.all(labels).stream().map(this::status).toList();
    }

    @Override
    public WorkloadStatus inspect(String name) {
        return status(records.require(name));
    }

    @Override
    public Subscription logs(String name, LogOptions options, Consumer<LogLine> sink) {
        WorkloadRecord record = records.require(name);
        return new MergedReplicaLogs(engine, replicas.of(record.name()), node, options, sink);
    }

    /** Stops every rollout in progress; the replicas keep running. */
    @Override
    public void close() {
        synchronized (changes) { // so that no change starts a worker after this
            closed = true;
            workers.values().forEach(WorkloadWorker::close);
            workers.clear();
        }
    }

    private WorkloadStatus status(WorkloadRecord record) {
        WorkloadWorker worker = workers.get(record.name());
        return ReplicaTasks.status(record, replicas.of(record.name()), node,
                worker == null ? null : worker.updateState());
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("this engine target was closed: it changes no workload any more");
        }
    }

    private WorkloadWorker worker(String name) {
        ensureOpen();
        return workers.computeIfAbsent(name, n -> new WorkloadWorker(n, records, replicas, rollingUpdate));
    }
}
