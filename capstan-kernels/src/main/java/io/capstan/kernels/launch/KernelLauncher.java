package io.capstan.kernels.launch;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.LogOptions;
import io.capstan.core.engine.Subscription;
import io.capstan.core.error.CapstanException;
import io.capstan.core.error.ConfigException;
import io.capstan.core.error.ConflictException;
import io.capstan.core.error.EngineException;
import io.capstan.core.error.NotFoundException;
import io.capstan.core.model.ContainerInfo;
import io.capstan.kernels.spec.KernelSpec;
import io.capstan.kernels.protocol.KernelInfoProbe;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
        LaunchAuthorisation.check(spec, request.user());
        checkPorts(request);
        checkImage(spec);
        checkNetwork(spec);
        var containerSpec = KernelContainerSpec.of(spec, request.connection(), request.user(), request.kernelId());
        String id;
        try {
            id = engine.containers().create(containerSpec);
        } catch (ConflictException e) {
            throw new ConflictException("a container named '" + containerSpec.name() + "' exists already: remove it "
                    + "with 'capstan kernel rm " + request.kernelId() + "' if that kernel is gone", e);
        }
        RunningKernel kernel = new RunningKernel(engine, id, containerSpec.name(), request.kernelId());
        try {
            created.accept(kernel);
            awaitAnswer(kernel, request);
            return kernel;
        } catch (RuntimeException e) {
            kernel.remove();
            throw e;
        }
    }

    private void awaitAnswer(RunningKernel kernel, Request request) {
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
                            + " before it answered" + lastLines(log));
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new EngineException("kernel " + request.kernelId() + " did not answer within "
                            + request.spec().launchTimeout() + " s (the kernelspec's launch timeout)" + lastLines(log));
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

    /** Only the last line: every line already went to the kernel output (stderr) as it came, above the error. */
    private static String lastLines(KernelLog log) {
        List<String> lines = log.lastLines();
        return lines.isEmpty() ? "; it wrote nothing" : "; its last log line: " + lines.getLast().strip();
    }

    private static void checkPorts(Request request) {
        var range = request.spec().portRange();
        for (Map.Entry<String, Integer> port : request.connection().ports().entrySet()) {
            if (!range.contains(port.getValue())) {
                throw new ConfigException("connection file " + request.connection().path() + ": " + port.getKey() + " "
                        + port.getValue() + " lies outside the kernelspec's port range " + range
                        + ": the client must choose ports within it");
            }
        }
    }

    private void checkImage(KernelSpec spec) {
        try {
            engine.images().inspect(spec.image());
        } catch (NotFoundException e) {
            throw new NotFoundException("image", spec.image(), "kernel image '" + spec.image() + "' (kernelspec "
                    + spec.name() + ") not found: build it with 'capstan kernel image build"
                    + (spec.image().equals("capstan-kernel-python:latest") ? "" : " --tag " + spec.image()) + "'", e);
        }
    }

    private void checkNetwork(KernelSpec spec) {
        if (spec.network().isEmpty()) {
            return;
        }
        try {
            engine.networks().inspect(spec.network());
        } catch (NotFoundException e) {
            throw new NotFoundException("network", spec.network(), "network '" + spec.network() + "' (kernelspec "
                    + spec.name() + ") does not exist: create it with 'capstan networks create " + spec.network()
                    + "' or install the kernelspec with another --network", e);
        }
    }
}
