package io.capstan.kernels.launch;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.LogOptions;
import io.capstan.core.error.CapstanException;
import io.capstan.kernels.spec.KernelJson;
import io.capstan.kernels.spec.KernelMode;
import io.capstan.kernels.spec.KernelSpec;
import io.capstan.kernels.spec.Language;
import io.capstan.kernels.spec.PortRange;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Goes through a kernel launch's own code once without starting anything — kernelspec and connection file read
 * back, the container's create asked of an image that does not exist (refused, so nothing is created), the exit
 * watch, then start, log, inspect and remove asked of a container that does not exist — so that the CLI's
 * class-data archive holds it (and its requests' profiles) and a launch does not load it cold.
 */
public final class LaunchWarmUp {
    private static final String NO_IMAGE = "capstan-warm-up/no-such-image:never";
    private static final String NO_CONTAINER = "capstan-warm-up-no-such-container";

    private LaunchWarmUp() {
    }

    /** @param dir an empty scratch directory */
    public static void run(ContainerEngine engine, Path dir) throws IOException {
        KernelSpec written = new KernelSpec("warm_up", "Warm-up", Language.PYTHON, KernelMode.CONTAINER, NO_IMAGE, "",
                new TreeSet<>(), new TreeSet<>(Set.of("root")), PortRange.NONE, 30, KernelSpec.DEFAULT_SUBCLASS, 30,
                Language.PYTHON.containerArgv());
        Path json = Files.writeString(dir.resolve(KernelJson.FILE), KernelJson.write(written, List.of("capstan")));
        KernelSpec spec = KernelJson.read(json);
        Path connectionFile = Files.writeString(dir.resolve("kernel-warm-up.json"), "{\"shell_port\": 1, "
                + "\"iopub_port\": 2, \"stdin_port\": 3, \"control_port\": 4, \"hb_port\": 5, \"ip\": \"127.0.0.1\", "
                + "\"key\": \"warm-up\", \"transport\": \"tcp\", \"signature_scheme\": \"hmac-sha256\"}");
        ConnectionFile connection = ConnectionFile.read(connectionFile);
        var request = new KernelLauncher.Request(spec, connection, "warm-up", connection.kernelIdFromName());
        try (ContainerExit exit = new ContainerExit(engine, KernelLabels.kernel(request.kernelId()))) {
            new LaunchChecks(engine, request).creating(() -> {
                String id = engine.containers().create(KernelContainerSpec.of(spec, connection, "warm-up", "warm-up"));
                engine.containers().remove(id, true, true); // only if that image turned up after all
                return id;
            }, "capstan networks create");
            exit.await(Duration.ZERO);
        } catch (CapstanException expected) {
            // the image does not exist: the create is refused, as it should be
        }
        afterCreate(engine);
    }

    /** What follows the create (start, the followed log, inspect, remove), asked of a container that does not exist. */
    private static void afterCreate(ContainerEngine engine) {
        new KernelLauncher(engine, line -> { }, line -> { });
        ContainerKernel kernel = new ContainerKernel(engine, NO_CONTAINER, NO_CONTAINER, "warm-up");
        refused(() -> engine.containers().start(NO_CONTAINER));
        refused(() -> kernel.following(engine.containers().logs(NO_CONTAINER, new LogOptions(true, -1, false),
                new KernelLog(line -> { }))));
        refused(() -> engine.containers().inspect(NO_CONTAINER));
        refused(kernel::remove);
    }

    private static void refused(Runnable request) {
        try {
            request.run();
        } catch (CapstanException expected) {
            // no such container
        }
    }
}
