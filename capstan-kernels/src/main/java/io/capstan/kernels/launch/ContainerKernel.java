package io.capstan.kernels.launch;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.Subscription;
import io.capstan.core.error.CapstanException;
import io.capstan.core.error.ConflictException;
import io.capstan.core.error.NotFoundException;
import io.capstan.core.model.ContainerInfo;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/** A kernel's container from its start on: interrupt it, wait for it to end, remove it (once). */
final class ContainerKernel implements RunningKernel {
    private static final Duration DIE_EVENT = Duration.ofSeconds(1);

    private final ContainerEngine engine;
    private final String id;
    private final String name;
    private final String kernelId;
    private final AtomicBoolean removed = new AtomicBoolean();
    private volatile Subscription logs;
    private volatile ContainerExit exit;

    ContainerKernel(ContainerEngine engine, String id, String name, String kernelId) {
        this.engine = engine;
        this.id = id;
        this.name = name;
        this.kernelId = kernelId;
    }

    String id() {
        return id;
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

    /** The watch of the container's {@code die} event, kept (and closed) with the kernel. */
    void watching(ContainerExit exit) {
        this.exit = exit;
    }

    @Override
    public void interrupt() {
        if (!removed.get()) {
            engine.containers().kill(id, "INT");
        }
    }

    @Override
    public int awaitExit(BooleanSupplier clientGone) throws InterruptedException {
        while (true) {
            // the die event tells the exit code at once, also of a container the engine removes on its exit
            OptionalInt code = exit.await(Duration.ofSeconds(1));
            if (code.isPresent()) {
                return code.getAsInt();
            }
            if (clientGone.getAsBoolean()) {
                return 1;
            }
            // asking the engine backs the event stream up (it ends if the engine restarts)
            OptionalInt ended = endedCode(1);
            if (ended.isPresent()) {
                return ended.getAsInt();
            }
        }
    }

    /**
     * The exit code once the container has ended, from the engine or, when the engine has removed it already, from
     * its {@code die} event ({@code unknown} when that never comes); empty while it runs.
     */
    OptionalInt endedCode(int unknown) {
        try {
            ContainerInfo info = engine.containers().inspect(id);
            return info.isRunning() ? OptionalInt.empty() : OptionalInt.of(info.exitCode());
        } catch (NotFoundException e) {
            // removed on its exit (its die event may still be on its way), or by someone else (capstan kernel rm)
            return OptionalInt.of(exit.await(DIE_EVENT).orElse(unknown));
        }
    }

    /** Removes the container (running or not); a container already gone is no error. */
    @Override
    public synchronized void remove() {
        Subscription stream = logs;
        if (stream != null) {
            stream.close();
        }
        ContainerExit watch = exit;
        if (watch != null) {
            watch.close();
        }
        if (removed.compareAndSet(false, true)) {
            removeFromEngine();
        }
    }

    /**
     * The container has exited before it answered: the engine removes it itself (it is created with auto-remove),
     * and nothing is waited for on the way to telling the client.
     */
    void exited() {
        removed.set(true);
    }

    private void removeFromEngine() {
        try {
            engine.containers().remove(id, true, true);
        } catch (NotFoundException e) {
            // already gone
        } catch (CapstanException e) {
            // retried once: a container being stopped cannot always be removed at that very moment
            try {
                Thread.sleep(500);
                engine.containers().remove(id, true, true);
            } catch (NotFoundException gone) {
                // gone meanwhile
            } catch (ConflictException beingRemoved) {
                // the engine is removing it already (it was created with auto-remove and has exited)
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
