package io.capstan.kernels.launch;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.LogOptions;
import io.capstan.core.engine.Subscription;
import io.capstan.core.error.CapstanException;
import io.capstan.core.error.ConflictException;
import io.capstan.core.error.EngineException;
import io.capstan.core.model.ContainerInfo;
import io.capstan.kernels.spec.KernelSpec;
import io.capstan.kernels.protocol.KernelInfoProbe;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Starts a kernelspec's kernel as a container and returns once it answers a {@code kernel_info_request} on its shell
 * channel. Everything that can be checked before (user, ports, image, network) is checked first, and a kernel that
 * exits before it answers is reported at once with its last log line; whatever fails, no container is left behind.
 */
public final class KernelLauncher {
    private static final Duration POLL = Duration.ofMillis(100);

    private final ContainerEngine engine;
    private final Consumer<String> progress;
    private final Consumer<String> kernelOutput;

    /**
     * @param progress     the launcher's own messages (informational; the caller decides whether to show them)
     * @param kernelOutput each line the kernel writes
     */
    public KernelLauncher(ContainerEngine engine, Consumer<String> progress, Consumer<String> kernelOutput) {
        this.engine = engine;
        this.progress = progress;
        this.kernelOutput = kernelOutput;
    }

    public record Request(KernelSpec spec, ConnectionFile connection, String user, String kernelId) {
    }

    public RunningKernel start(Request request) {
        return start(request, kernel -> { });
    }

    /** As {@link #start(Request)}, telling {@code created} about the container as soon as it exists. */
    public RunningKernel start(Request request, Consumer<RunningKernel> created) {
        KernelSpec spec = request.spec();
        LaunchChecks checks = new LaunchChecks(engine, request);
        checks.all("capstan networks create " + spec.network());
        var containerSpec = KernelContainerSpec.of(spec, request.connection(), request.user(), request.kernelId());
        String id;
        try {
            id = engine.containers().create(containerSpec);
        } catch (ConflictException e) {
            throw new ConflictException("a container named '" + containerSpec.name() + "' exists already: remove it "
                    + "with 'capstan kernel rm " + request.kernelId() + "' if that kernel is gone", e);
        }
        ContainerKernel kernel = new ContainerKernel(engine, id, containerSpec.name(), request.kernelId());
        try {
            created.accept(kernel);
            awaitAnswer(kernel, request);
            return kernel;
        } catch (RuntimeException e) {
            kernel.remove();
            throw e;
        }
    }

    private void awaitAnswer(ContainerKernel kernel, Request request) {
        KernelLog log = new KernelLog(kernelOutput);
        try {
            engine.containers().start(kernel.id());
        } catch (CapstanException e) {
            throw new EngineException("cannot start kernel " + request.kernelId() + " (" + kernel.name() + "): "
                    + e.getMessage(), e);
        }
        progress.accept("started container " + kernel.name() + " (" + kernel.id().substring(0, 12)
                + "); waiting up to " + request.spec().launchTimeout() + " s for the kernel to answer");
        Subscription logs = engine.containers().logs(kernel.id(), new LogOptions(true, -1, false), log);
        kernel.following(logs);
        Instant deadline = Instant.now().plusSeconds(request.spec().launchTimeout());
        try (KernelInfoProbe probe = new KernelInfoProbe(request.connection().shellEndpoint(),
                request.connection().signer(), request.user())) {
            while (true) {
                if (probe.answered(POLL)) {
                    progress.accept("kernel " + request.kernelId() + " answers kernel_info");
                    return;
                }
                ContainerInfo info = engine.containers().inspect(kernel.id());
                if (!info.isRunning()) {
                    awaitQuietly(logs);
                    throw new EngineException("kernel " + request.kernelId() + " exited with code " + info.exitCode()
                            + " before it answered" + log.lastLineClause());
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new EngineException("kernel " + request.kernelId() + " did not answer within "
                            + request.spec().launchTimeout() + " s (the kernelspec's launch timeout)" + log.lastLineClause());
                }
            }
        }
    }

    private static void awaitQuietly(Subscription logs) {
        try {
            logs.awaitCompletion(Duration.ofSeconds(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
