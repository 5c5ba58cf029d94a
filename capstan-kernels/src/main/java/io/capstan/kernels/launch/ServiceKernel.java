package io.capstan.kernels.launch;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.Subscription;
import io.capstan.core.error.CapstanException;
import io.capstan.core.error.EngineException;
import io.capstan.core.error.NotFoundException;
import io.capstan.core.model.ContainerInfo;
import io.capstan.core.workload.WorkloadTarget;
import io.capstan.core.workload.WorkloadTask;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * A kernel's Swarm service from its creation on. Its one task's container is signalled through this engine, which
 * therefore must be the node that runs it (a one-node swarm); on several nodes the signal would have to go through
 * the engine of the task's node.
 */
final class ServiceKernel implements RunningKernel {
    private final WorkloadTarget swarm;
    private final ContainerEngine engine;
    private final String name;
    private final String kernelId;
    private final AtomicBoolean removed = new AtomicBoolean();
    private volatile Subscription logs;

    ServiceKernel(WorkloadTarget swarm, ContainerEngine engine, String name, String kernelId) {
        this.swarm = swarm;
        this.engine = engine;
        this.name = name;
        this.kernelId = kernelId;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String kernelId() {
        return kernelId;
    }

    void following(Subscription logs) {
        this.logs = logs;
    }

    /** The service's task, newest first (restart policy none: there is only one); empty before Swarm made it. */
    Optional<WorkloadTask> task() {
        return swarm.inspect(name).tasks().stream().findFirst();
    }

    @Override
    public void interrupt() {
        if (removed.get()) {
            return;
        }
        String container = task().map(WorkloadTask::containerId).orElse("");
        if (container.isEmpty()) {
            throw new EngineException("kernel " + kernelId + " has no running task to interrupt");
        }
        try {
            engine.containers().kill(container, "INT");
        } catch (NotFoundException e) {
            throw new EngineException("the task of kernel " + kernelId + " runs on another node: only a task on this "
                    + "engine's node can be interrupted", e);
        }
    }

    @Override
    public int awaitExit(BooleanSupplier clientGone) throws InterruptedException {
        while (true) {
            Thread.sleep(500);
            if (clientGone.getAsBoolean()) {
                return 1;
            }
            Optional<WorkloadTask> task;
            try {
                task = task();
            } catch (NotFoundException e) {
                return 1; // removed by someone else (capstan kernel rm)
            }
            if (task.isPresent() && SwarmTaskStates.ended(task.get().state())) {
                return exitCode(task.get());
            }
        }
    }

    private int exitCode(WorkloadTask task) {
        try {
            ContainerInfo info = engine.containers().inspect(task.containerId());
            return info.exitCode();
        } catch (CapstanException e) {
            return task.state().equals("complete") ? 0 : 1;
        }
    }

    @Override
    public synchronized void remove() {
        if (!removed.compareAndSet(false, true)) {
            return;
        }
        Subscription stream = logs;
        if (stream != null) {
            stream.close();
        }
        try {
            swarm.remove(name);
        } catch (NotFoundException e) {
            // already gone
        }
    }
}
