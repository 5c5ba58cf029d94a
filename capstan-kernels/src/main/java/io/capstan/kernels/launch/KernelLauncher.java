package io.capstan.kernels.launch;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.LogOptions;
import io.capstan.core.engine.Subscription;
import io.capstan.core.error.CapstanException;
import io.capstan.core.error.ConflictException;
import io.capstan.core.error.EngineException;
import io.capstan.core.spec.ContainerSpec;
import io.capstan.kernels.spec.KernelSpec;
import io.capstan.kernels.protocol.KernelInfoProbe;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * Starts a kernelspec's kernel as a container and returns once it answers a {@code kernel_info_request} on its shell
 * channel. Everything that can be checked before (user, ports, image, network) is checked first, and a kernel that
 * exits before it answers is reported at once with its last log line; whatever fails, no container is left behind.
 */
public final class KernelLauncher {
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration LAST_LINES = Duration.ofMillis(200);
    private static final Duration QUIET = Duration.ofMillis(50);
    private static final Duration QUIET_STEP = Duration.ofMillis(10);

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
        var containerSpec = KernelContainerSpec.of(spec, request.connection(), request.user(), request.kernelId());
        // the exit watch is set up while the container is created: one round trip fewer before the start
        CompletableFuture<ContainerExit> watching = CompletableFuture.supplyAsync(
                () -> new ContainerExit(engine, KernelLabels.kernel(request.kernelId())),
                command -> Thread.ofVirtual().start(command));
        String id;
        try {
            id = new LaunchChecks(engine, request).creating(() -> create(containerSpec, request),
                    "capstan networks create " + spec.network());
        } catch (RuntimeException e) {
            watching.thenAccept(ContainerExit::close);
            throw e;
        }
        ContainerKernel kernel = new ContainerKernel(engine, id, containerSpec.name(), request.kernelId());
        try {
            ContainerExit exit = joined(watching);
            kernel.watching(exit); // closed when the kernel is removed
            exit.watch(id);
            created.accept(kernel);
            awaitAnswer(kernel, exit, request);
            return kernel;
        } catch (RuntimeException e) {
            kernel.remove();
            throw e;
        }
    }

    private static ContainerExit joined(CompletableFuture<ContainerExit> watching) {
        try {
            return watching.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private String create(ContainerSpec containerSpec, Request request) {
        try {
            return engine.containers().create(containerSpec);
        } catch (ConflictException e) {
            throw new ConflictException("a container named '" + containerSpec.name() + "' exists already: remove it "
                    + "with 'capstan kernel rm " + request.kernelId() + "' if that kernel is gone", e);
        }
    }

    /**
     * Starts the container and waits for the kernel's answer. The engine's {@code die} event tells at once when
     * the kernel exits instead; the followed log stream, which ends when the container stops, backs it up.
     */
    private void awaitAnswer(ContainerKernel kernel, ContainerExit exit, Request request) {
        KernelLog log = new KernelLog(kernelOutput);
        try {
            engine.containers().start(kernel.id());
        } catch (CapstanException e) {
            throw new EngineException("cannot start kernel " + request.kernelId() + " (" + kernel.name() + "): "
                    + e.getMessage(), e);
        }
        progress.accept("started container " + kernel.name() + " (" + kernel.id().substring(0, 12)
                + "); waiting up to " + request.spec().launchTimeout() + " s for the kernel to answer");
        // after the start: a follow of a container that is not running ends at once
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
                OptionalInt code = exit.await(POLL);
                if (code.isEmpty() && ended(logs)) {
                    code = kernel.endedCode(-1);
                }
                if (code.isPresent()) {
                    // The engine removes the exited container itself (auto-remove) and has passed on all its output
                    // before it tells of the exit: the client learns of the crash when the launcher exits, so the
                    // launcher waits only for the lines still on their way, not for the stream's end (~0.5 s later).
                    kernel.exited();
                    awaitLastLines(logs, log);
                    throw new EngineException("kernel " + request.kernelId() + " exited with code "
                            + code.getAsInt() + " before it answered" + log.lastLineClause());
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new EngineException("kernel " + request.kernelId() + " did not answer within "
                            + request.spec().launchTimeout() + " s (the kernelspec's launch timeout)" + log.lastLineClause());
                }
            }
        }
    }

    /** Whether the log stream has ended (the container stopped, or the engine gave up following it). */
    private static boolean ended(Subscription logs) {
        try {
            return logs.awaitCompletion(Duration.ZERO);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        } catch (CapstanException e) {
            return true; // the stream failed: ask the engine
        }
    }

    /**
     * Until the stream ends or has been quiet for a moment since the exit was seen (at most {@link #LAST_LINES}): the
     * exit and the lines come on different connections, so a last burst of lines may arrive just after the exit.
     */
    private static void awaitLastLines(Subscription logs, KernelLog log) {
        Instant exitSeen = Instant.now();
        Instant giveUp = exitSeen.plus(LAST_LINES);
        try {
            while (!logs.awaitCompletion(QUIET_STEP)) {
                boolean quiet = log.quietFor().compareTo(QUIET) >= 0
                        && Duration.between(exitSeen, Instant.now()).compareTo(QUIET) >= 0;
                if (quiet || Instant.now().isAfter(giveUp)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (CapstanException e) {
            // the lines seen so far are all there is
        }
    }
}
