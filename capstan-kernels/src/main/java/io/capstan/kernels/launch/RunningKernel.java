package io.capstan.kernels.launch;

import java.util.function.BooleanSupplier;

/** A launched kernel, in a container or a Swarm service: interrupt it, wait for it to end, remove it (once). */
public interface RunningKernel {
    /** The container's or service's name, {@code <user>-<kernel id>}. */
    String name();

    String kernelId();

    /** Sends SIGINT to the kernel: Jupyter's interrupt (interrupt_mode signal). */
    void interrupt();

    /**
     * Waits until the kernel ends, or {@code clientGone} says the client went away; returns the kernel's exit code
     * (1 when the client went away or the kernel was removed by someone else).
     */
    int awaitExit(BooleanSupplier clientGone) throws InterruptedException;

    /**
     * Removes what runs the kernel; already gone is no error. A call while another is under way (a shutdown hook's
     * and the main thread's) waits for it, so that nobody closes the engine connection under it.
     */
    void remove();
}
