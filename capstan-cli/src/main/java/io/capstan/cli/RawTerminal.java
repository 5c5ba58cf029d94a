package io.capstan.cli;

import io.capstan.core.engine.TerminalSize;
import io.capstan.core.error.InvalidSpecException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * This process's terminal in raw mode (keys go to the container as typed, the container's terminal echoes them), as
 * it was again on close. Java cannot set terminal modes itself; {@code stty} on the inherited standard input can.
 */
final class RawTerminal implements AutoCloseable {
    private final String saved;
    private final AtomicBoolean restored = new AtomicBoolean();

    private RawTerminal(String saved) {
        this.saved = saved;
    }

    /** Fails with Docker's words when standard input is not a terminal. */
    static RawTerminal enter() {
        String saved = requireOne();
        stty("raw", "-echo");
        return new RawTerminal(saved.strip());
    }

    /** Fails with Docker's words when standard input is not a terminal; its saved settings otherwise. */
    static String requireOne() {
        String saved = stty("-g");
        if (saved == null) {
            throw new InvalidSpecException("the input device is not a TTY: -t needs a terminal on standard input "
                    + "(leave out -t when piping)");
        }
        return saved;
    }

    /** Whether this process's standard input is a terminal (as {@code docker compose exec} decides on one). */
    static boolean standardInputIsOne() {
        return stty("-g") != null;
    }

    /** The size of this process's terminal ({@code stty size}), or null without one. */
    static TerminalSize size() {
        String size = stty("size");
        if (size == null || !size.strip().matches("\\d+ \\d+")) {
            return null;
        }
        String[] rowsColumns = size.strip().split(" ");
        int rows = Integer.parseInt(rowsColumns[0]);
        int columns = Integer.parseInt(rowsColumns[1]);
        return rows > 0 && columns > 0 ? new TerminalSize(rows, columns) : null;
    }

    /** Restores the saved settings, once (from a shutdown hook or when the container ends, whichever is first). */
    @Override
    public void close() {
        if (restored.compareAndSet(false, true)) {
            stty(saved);
        }
    }

    /** Runs stty on this process's standard input; its output, or null when it failed (no terminal). */
    private static String stty(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "stty";
        System.arraycopy(args, 0, command, 1, args.length);
        try {
            Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
