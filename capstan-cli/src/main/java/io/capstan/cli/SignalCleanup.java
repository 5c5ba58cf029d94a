package io.capstan.cli;

import io.capstan.core.error.CapstanException;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What must be undone if the JVM is ended (Ctrl-C, SIGTERM) while a command is in the middle of something: run once
 * from a shutdown hook, in order, each step on its own (one failing is a warning and the next still runs). A command
 * that finishes normally calls {@link #close} and undoes things itself.
 */
final class SignalCleanup implements AutoCloseable {
    private final List<Step> steps;
    private final PrintWriter err;
    private final AtomicBoolean ran = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    record Step(String what, Runnable action) {
    }

    private SignalCleanup(List<Step> steps, PrintWriter err) {
        this.steps = steps;
        this.err = err;
        this.hook = new Thread(this::run, "capstan-cleanup");
    }

    /** Runs {@code steps} if the JVM is shut down before {@link #close}. */
    static SignalCleanup onShutdown(PrintWriter err, List<Step> steps) {
        SignalCleanup cleanup = new SignalCleanup(List.copyOf(steps), err);
        Runtime.getRuntime().addShutdownHook(cleanup.hook);
        return cleanup;
    }

    /** The steps, at most once. */
    void run() {
        if (!ran.compareAndSet(false, true)) {
            return;
        }
        try {
            for (Step step : steps) {
                try {
                    step.action().run();
                } catch (CapstanException | IllegalStateException e) {
                    err.println("capstan: warning: could not " + step.what() + ": "
                            + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
                }
            }
            err.flush();
        } finally {
            finished.countDown();
        }
    }

    @Override
    public void close() {
        boolean hookClaimedIt = !ran.compareAndSet(false, true);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            if (hookClaimedIt) {
                awaitHook(); // before the command goes on to close the engine connection under it
            }
        }
    }

    private void awaitHook() {
        try {
            finished.await(30, TimeUnit.SECONDS); // bounded: a hung engine must not keep the process from ending
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
