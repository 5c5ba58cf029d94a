package io.capstan.kernels.launch;

import io.capstan.core.spec.ContainerSpec;
import io.capstan.core.spec.PortMapping;
import io.capstan.kernels.spec.KernelSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * The container a kernel runs in: named {@code <user>-<kernel id>}, labelled, on the kernelspec's network, its five
 * ports published on the client's address. The connection file travels in the environment and is written inside
 * the container before the kernel starts, so that no host path has to be shared with the engine.
 */
public final class KernelContainerSpec {
    static final String CONNECTION_ENV = "CAPSTAN_KERNEL_CONNECTION";
    static final String CONNECTION_PATH = "/tmp/capstan-kernel-connection.json";
    private static final String WRITE_THEN_EXEC =
            "printf '%s' \"$" + CONNECTION_ENV + "\" > " + CONNECTION_PATH + " && exec \"$@\"";

    private KernelContainerSpec() {
    }

    public static String containerName(String user, String kernelId) {
        String name = (user + "-" + kernelId).replaceAll("[^a-zA-Z0-9_.-]", "_");
        return name.matches("[a-zA-Z0-9].*") ? name : "k" + name;
    }

    /** The whole command: write the connection file from the environment, then exec the kernel. */
    static List<String> command(KernelSpec spec) {
        List<String> command = new ArrayList<>(List.of("sh", "-c", WRITE_THEN_EXEC, "sh"));
        command.addAll(spec.containerCommand(CONNECTION_PATH));
        return command;
    }

    public static ContainerSpec of(KernelSpec spec, ConnectionFile connection, String user, String kernelId) {
        List<String> command = command(spec);
        ContainerSpec.Builder builder = ContainerSpec.builder(spec.image())
                .name(containerName(user, kernelId))
                .entrypoint(command.subList(0, 4))
                .command(command.subList(4, command.size()))
                .env(CONNECTION_ENV, connection.forContainer())
                .env("KERNEL_ID", kernelId)
                .env("KERNEL_USERNAME", user)
                .env("PYTHONUNBUFFERED", "1")
                .labels(KernelLabels.of(kernelId, user))
                .autoRemove(true);
        connection.ports().values().forEach(port ->
                builder.port(new PortMapping(port, "tcp", connection.ip(), port)));
        if (!spec.network().isEmpty()) {
            builder.network(spec.network());
        }
        return builder.build();
    }
}
