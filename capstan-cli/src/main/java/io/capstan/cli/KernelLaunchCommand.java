package io.capstan.cli;

import io.capstan.core.error.CapstanException;
import io.capstan.kernels.launch.ConnectionFile;
import io.capstan.kernels.launch.KernelLauncher;
import io.capstan.kernels.launch.RunningKernel;
import io.capstan.kernels.launch.SignalForwarding;
import io.capstan.kernels.launch.SwarmKernelLauncher;
import io.capstan.kernels.spec.KernelJson;
import io.capstan.kernels.spec.KernelMode;
import io.capstan.kernels.spec.KernelSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

@Command(name = "launch", description = {
        "Run one kernel of a Capstan kernelspec in a container or (a --swarm kernelspec) a Swarm service: what the kernelspec's argv runs when a Jupyter client "
                + "starts a kernel. Returns when the kernel ends; SIGINT interrupts the kernel, SIGTERM removes it.",
        "The launching user is KERNEL_USERNAME (default: the OS user); the kernel id is --kernel-id, else KERNEL_ID, "
                + "else the one in the connection file's name (kernel-ID.json)."},
        footer = {"", "Example (as a client runs it):",
                "  capstan kernel launch --connection-file k.json \\",
                "      --spec-dir /usr/local/share/jupyter/kernels/docker_python"})
final class KernelLaunchCommand implements Callable<Integer> {
    private final Cli cli;
    @Option(names = "--connection-file", required = true, paramLabel = "FILE", description = "The client's connection file.")
    Path connectionFile;
    @Option(names = "--spec-dir", required = true, paramLabel = "DIR", description = "The kernelspec's directory.")
    Path specDir;
    @Option(names = "--kernel-id", paramLabel = "ID", description = "The kernel's id.")
    String kernelId;

    KernelLaunchCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws InterruptedException {
        connectMeanwhile();
        KernelSpec spec = KernelJson.read(specDir.resolve(KernelJson.FILE));
        ConnectionFile connection = ConnectionFile.read(connectionFile);
        String user = firstSet(System.getenv("KERNEL_USERNAME"), System.getProperty("user.name"));
        String id = firstSet(kernelId, System.getenv("KERNEL_ID"), connection.kernelIdFromName(),
                UUID.randomUUID().toString());
        boolean verbose = spec.logLevel() <= 20;
        Consumer<String> progress = line -> {
            if (verbose) {
                cli.err().println("capstan: " + line);
            }
        };
        Consumer<String> kernelOutput = line -> cli.err().println(line);
        long parent = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
        AtomicReference<RunningKernel> started = new AtomicReference<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            RunningKernel kernel = started.get();
            if (kernel != null) {
                kernel.remove();
            }
        }, "kernel-cleanup"));
        SignalForwarding.interruptsTo(() -> {
            RunningKernel kernel = started.get();
            if (kernel != null) {
                try {
                    kernel.interrupt();
                } catch (CapstanException e) { // e.g. the kernel has just exited: nothing left to interrupt
                    cli.err().println("capstan: warning: cannot interrupt kernel " + id + ": " + e.getMessage());
                }
            }
        });
        var request = new KernelLauncher.Request(spec, connection, user, id);
        RunningKernel kernel = spec.mode() == KernelMode.SWARM
                ? new SwarmKernelLauncher(cli.engine(), SwarmAccess.target(cli), progress, kernelOutput)
                        .start(request, started::set)
                : new KernelLauncher(cli.engine(), progress, kernelOutput).start(request, started::set);
        try {
            int code = kernel.awaitExit(() -> clientGone(parent));
            if (verbose) {
                cli.err().println("capstan: " + (clientGone(parent) ? "the client went away"
                        : "kernel " + id + " ended (exit code " + code + ")") + "; removing " + kernel.name());
            }
            return code;
        } finally {
            kernel.remove();
        }
    }

    /**
     * Makes the engine's client while the kernelspec is read: in a JVM that has just started each takes about a tenth
     * of a second, and a client waits for the kernel. A failure is left for the launch's own {@code cli.engine()}
     * to report.
     */
    private void connectMeanwhile() {
        Thread.ofPlatform().daemon().name("engine-connect").start(() -> {
            try {
                cli.engine();
            } catch (RuntimeException e) {
                // reported when the launch asks for the engine
            }
        });
    }

    /** The process that started the launcher is gone (the launcher was handed to init). */
    private static boolean clientGone(long parent) {
        long now = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
        return parent > 1 && now != parent;
    }

    private static String firstSet(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
