package io.capstan.kernels.launch;

import sun.misc.Signal;

/**
 * Jupyter interrupts a kernel by sending SIGINT to the process its kernelspec started, the launcher: the launcher
 * passes it on to the kernel instead of ending. SIGTERM and SIGHUP keep the JVM's behaviour (shutdown hooks run),
 * which removes the container.
 */
public final class SignalForwarding {
    private SignalForwarding() {
    }

    public static void interruptsTo(Runnable interrupt) {
        Signal.handle(new Signal("INT"), signal -> interrupt.run());
    }
}
