package io.capstan.kernels.launch;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.LogOptions;
import io.capstan.core.engine.Subscription;
import io.capstan.core.error.ConflictException;
import io.capstan.core.error.EngineException;
import io.capstan.core.error.NotFoundException;
import io.capstan.core.model.LogLine;
import io.capstan.core.workload.WorkloadSpec;
import io.capstan.core.workload.WorkloadTarget;
import io.capstan.core.workload.WorkloadTask;
import io.capstan.kernels.protocol.KernelInfoProbe;
import io.capstan.kernels.spec.KernelSpec;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Starts a kernelspec's kernel as a Swarm service (one task, restart policy none) and returns once its task runs and
 * the kernel answers a {@code kernel_info_request}. A task that fails or is rejected is reported at once with Swarm's
 * error and the kernel's last log line; whatever fails, the service is removed.
 */
public final class SwarmKernelLauncher {
    private static final Duration POLL = Duration.ofMillis(100);

    private final ContainerEngine engine;
    private final WorkloadTarget swarm;
    private final Consumer<String> progress;
    private final Consumer<String> kernelOutput;

    /**
     * @param engine the engine of this node: the image is checked there and the task's container signalled there
     * @param swarm  the swarm that engine manages
     */
    public SwarmKernelLauncher(ContainerEngine engine, WorkloadTarget swarm, Consumer<String> progress,
                               Consumer<String> kernelOutput) {
        this.engine = engine;
        this.swarm = swarm;
        this.progress = progress;
        this.kernelOutput = kernelOutput;
    }

    /** As {@link KernelLauncher#start(KernelLauncher.Request, Consumer)}, as a Swarm service. */
    public RunningKernel start(KernelLauncher.Request request, Consumer<RunningKernel> created) {
        KernelSpec spec = request.spec();
        new LaunchChecks(engine, request).all("capstan swarm network create " + spec.network());
        WorkloadSpec service = KernelServiceSpec.of(spec, request.connection(), request.user(), request.kernelId());
        try {
            swarm.create(service);
        } catch (ConflictException e) {
            throw new ConflictException("a service named '" + service.name() + "' exists already: remove it with "
                    + "'capstan kernel rm " + request.kernelId() + "' if that kernel is gone", e);
        }
        ServiceKernel kernel = new ServiceKernel(swarm, engine, service.name(), request.kernelId());
        try {
            created.accept(kernel);
            awaitAnswer(kernel, request);
            return kernel;
        } catch (RuntimeException e) {
            kernel.remove();
            throw e;
        }
    }

    private void awaitAnswer(ServiceKernel kernel, KernelLauncher.Request request) {
        KernelLog log = new KernelLog(kernelOutput);
        int timeout = request.spec().launchTimeout();
        progress.accept("created service " + kernel.name() + "; waiting up to " + timeout
                + " s for its task to run and the kernel to answer");
        Instant deadline = Instant.now().plusSeconds(timeout);
        Subscription logs = null;
        WorkloadTask last = null;
        try (KernelInfoProbe probe = new KernelInfoProbe(request.connection().shellEndpoint(),
                request.connection().signer(), request.user())) {
            while (true) {
                Optional<WorkloadTask> task = kernel.task();
                if (task.isPresent()) {
                    last = task.get();
                    if (logs == null && !last.containerId().isEmpty()) {
                        logs = follow(kernel, last.containerId(), log);
                        kernel.following(logs);
                    }
                    if (SwarmTaskStates.ended(last.state())) {
                        awaitQuietly(logs);
                        throw new EngineException("kernel " + request.kernelId() + ": its Swarm task " + describe(last)
                                + " before the kernel answered" + log.lastLineClause());
                    }
                }
                if (last != null && last.isRunning()) {
                    if (probe.answered(POLL)) {
                        progress.accept("kernel " + request.kernelId() + " answers kernel_info");
                        return;
                    }
                } else {
                    pause();
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new EngineException("kernel " + request.kernelId() + " did not answer within " + timeout
                            + " s (the kernelspec's launch timeout); its Swarm task is "
                            + (last == null ? "not created yet" : describe(last)) + log.lastLineClause());
                }
            }
        }
    }

    /** The task's container's output through this engine, else (a task on another node) the service's. */
    private Subscription follow(ServiceKernel kernel, String container, Consumer<LogLine> log) {
        try {
            return engine.containers().logs(container, new LogOptions(true, -1, false), log);
        } catch (NotFoundException e) {
            return swarm.logs(kernel.name(), new LogOptions(true, -1, false), log);
        }
    }

    private static String describe(WorkloadTask task) {
        return task.state() + (task.error().isEmpty() ? "" : " (" + task.error() + ")");
    }

    private static void awaitQuietly(Subscription logs) {
        if (logs == null) {
            return;
        }
        try {
            logs.awaitCompletion(Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted while waiting for the kernel's task", e);
        }
    }
}
