package io.capstan.cli;

import io.capstan.core.engine.ContainerOperations;
import io.capstan.core.error.ConflictException;
import io.capstan.core.error.NotFoundException;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code containers run -i/-t}: the created container attached to this process's streams before it starts, with a
 * terminal in raw mode when it has one and takes the input (keys go to it as typed).
 */
final class AttachedRun {
    private final boolean stdin;
    private final boolean tty;

    AttachedRun(boolean stdin, boolean tty) {
        this.stdin = stdin;
        this.tty = tty;
    }

    /** Fails before anything is created when the container would take a terminal's input and there is none. */
    void check() {
        if (stdin && tty) {
            RawTerminal.requireOne();
        }
    }

    /**
     * Starts the created container {@code id}, streams it until it exits and returns its exit code. Ended by a signal
     * meanwhile, this process still gives the terminal its settings back and, with {@code remove}, removes the
     * container.
     */
    int run(Cli cli, ContainerOperations containers, String id, boolean remove) {
        Cli.Bytes bytes = cli.bytes();
        var size = tty ? RawTerminal.size() : null;
        RawTerminal terminal = stdin && tty ? RawTerminal.enter() : null;
        List<SignalCleanup.Step> steps = new ArrayList<>();
        if (terminal != null) {
            steps.add(new SignalCleanup.Step("restore the terminal", terminal::close));
        }
        if (remove) {
            steps.add(new SignalCleanup.Step("remove container " + id, () -> removeUnlessGone(containers, id)));
        }
        try (SignalCleanup cleanup = SignalCleanup.onShutdown(cli.err(), steps)) {
            return containers.attach(id, size, stdin ? bytes.in() : null, bytes.out(), bytes.err());
        } finally {
            if (terminal != null) {
                terminal.close();
            }
        }
    }

    static void removeUnlessGone(ContainerOperations containers, String id) {
        try {
            containers.remove(id, true, true);
        } catch (NotFoundException | ConflictException goneOrGoing) {
            // removed already, or its removal is in progress: what was wanted
        }
    }
}
