package io.capstan.cli;

import io.capstan.core.engine.ContainerOperations;

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

    /** Starts the created container {@code id}, streams it until it exits and returns its exit code. */
    int run(Cli cli, ContainerOperations containers, String id) {
        Cli.Bytes bytes = cli.bytes();
        var size = tty ? RawTerminal.size() : null;
        if (!(stdin && tty)) {
            return containers.attach(id, size, stdin ? bytes.in() : null, bytes.out(), bytes.err());
        }
        try (RawTerminal terminal = RawTerminal.enter()) {
            return containers.attach(id, size, bytes.in(), bytes.out(), bytes.err());
        }
    }
}
