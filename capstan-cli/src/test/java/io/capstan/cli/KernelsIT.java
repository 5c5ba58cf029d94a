package io.capstan.cli;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.ContainerFilter;
import io.capstan.core.error.NotFoundException;
import io.capstan.core.label.Labels;
import io.capstan.core.model.ContainerStatus;
import io.capstan.core.spec.ContainerSpec;
import io.capstan.core.spec.NetworkSpec;
import io.capstan.docker.EngineLocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Capstan's kernelspecs with real Jupyter clients (Debian's python3-jupyter-client and python3-nbclient, run with
 * /usr/bin/python3) on the real engine, with the kernel image scripts/test-images.sh builds. The kernelspec's argv
 * runs this checkout's ./capstan launcher, as an installed kernelspec would.
 */
class KernelsIT {
    private static final String USER_LABEL = "io.capstan.kernel-user";

    private final ContainerEngine engine = EngineLocator.fromEnvironment().locate(null);
    private final List<String> networks = new ArrayList<>();
    private final List<String> containers = new ArrayList<>();
    @TempDir
    Path prefix;
    private KernelClients clients;
    private String id;
    private String user;

    @BeforeEach
    void kernelImageIsBuilt() {
        clients = new KernelClients("kernels15", prefix);
        id = clients.id;
        user = clients.user;
        assertThat(engine.images().inspect("capstan-kernel-python:latest").id())
                .as("the kernel image, built by scripts/test-images.sh").isNotBlank();
    }

    @AfterEach
    void cleanUp() {
        // Kernel containers a failed assertion left behind: every kernel this test launched carries its user.
        containers.addAll(kernelContainers(Map.of(USER_LABEL, user)));
        containers.forEach(c -> {
            try {
                engine.containers().remove(c, true, true);
            } catch (NotFoundException gone) {
                // removed by the test
            }
        });
        networks.forEach(n -> engine.networks().remove(n));
        engine.close();
    }

    @Test
    void aJupyterClientRunsCodeInTheContainerOnTheKernelspecsNetworkInterruptsItAndLeavesNothingBehind() throws Exception {
        String network = "kernels15-net-" + id;
        engine.networks().create(NetworkSpec.bridge(network, Labels.owned()));
        networks.add(network);
        String peer = "kernels15-peer-" + id;
        engine.containers().create(ContainerSpec.builder("capstan-busybox:test").name(peer).command("sleep", "300")
                .network(network).labels(Labels.owned()).build());
        containers.add(peer);
        engine.containers().start(peer);
        String kernel = clients.install("--network", network);

        KernelClients.Run session = clients.python("session.py", kernel, peer);

        assertThat(session.exitCode()).as(session.output()).isZero();
        assertThat(session.output()).as("no Java stack trace among the kernel's output").doesNotContain("\tat ");
        Map<String, String> values = session.values();
        String kernelId = values.get("KERNEL_ID");
        assertThat(values.get("STATE")).as("state kept between cells, the kernel's id in its container")
                .startsWith("ok|42 " + kernelId + " ");
        assertThat(values.get("PEER")).as("the peer's name resolves on the kernelspec's network").matches("ok\\|[0-9.]+");
        assertThat(values.get("INTERRUPTED")).isEqualTo("error|KeyboardInterrupt");
        assertThat(values.get("AFTER")).isEqualTo("ok|41");
        assertThat(values.get("SHUTDOWN")).isEqualTo("ok");
        assertThat(kernelContainers(Map.of("kernel_id", kernelId))).isEmpty();
    }

    @Test
    void jupyterServerListsTheKernelspecStartsAKernelOverRestExecutesOverItsWebsocketAndDeletesIt() throws Exception {
        String kernel = clients.install("--display-name", "Capstan \"IT\" ☕");
        int port;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path work = Files.createDirectories(prefix.resolve("work"));

        KernelClients.Run server = clients.python("server.py", kernel, String.valueOf(port), work.toString());

        assertThat(server.exitCode()).as(server.output()).isZero();
        Map<String, String> values = server.values();
        assertThat(values.get("KERNELSPEC")).isEqualTo("Capstan \"IT\" ☕");
        assertThat(values.get("EXECUTE")).isEqualTo("ok|42 " + values.get("KERNEL_ID"));
        assertThat(values.get("DELETE")).isEqualTo("204");
        assertThat(kernelContainers(Map.of("kernel_id", values.get("KERNEL_ID")))).isEmpty();
    }

    @Test
    void nbclientRunsAThreeCellNotebook() throws Exception {
        String kernel = clients.install();

        KernelClients.Run notebook = clients.python("notebook.py", kernel);

        assertThat(notebook.exitCode()).as(notebook.output()).isZero();
        assertThat(notebook.values()).containsEntry("CELL0", "").containsEntry("CELL1", "21").containsEntry("CELL2", "42");
        assertThat(kernelContainers(Map.of(USER_LABEL, user))).isEmpty();
    }

    @Test
    void aRefusedUserGetsA403AndNoContainer() throws Exception {
        String kernel = clients.install("--authorized-users", "somebody-else");

        KernelClients.Run launch = clients.launch(kernel, "refused");

        assertThat(launch.exitCode()).isNotZero();
        assertThat(launch.output()).contains("403 Forbidden: user " + user + " is not authorised to launch this kernel");
        assertThat(kernelContainers(Map.of("kernel_id", clients.kernelIdOf("refused")))).isEmpty();
    }

    @Test
    void aMissingImageIsReportedAtOnce() throws Exception {
        String image = "kernels15-missing-" + id + ":1";
        String kernel = clients.install("--image-name", image, "--launch-timeout", "600");

        KernelClients.Run launch = clients.launch(kernel, "noimage");

        assertThat(launch.exitCode()).isNotZero();
        assertThat(launch.output()).contains("kernel image '" + image + "' (kernelspec " + kernel + ") not found: "
                + "build it with 'capstan kernel image build --tag " + image + "'");
        assertThat(kernelContainers(Map.of("kernel_id", clients.kernelIdOf("noimage")))).isEmpty();
    }

    @Test
    void aKernelThatExitsAtOnceIsReportedWithItsLastLinesLongBeforeTheLaunchTimeout() throws Exception {
        // A launch timeout of ten minutes: the launch returning within the process timeout below shows it did not wait.
        String kernel = clients.install("--ipykernel-subclass-name", "nosuch.Kernel", "--launch-timeout", "600");

        KernelClients.Run launch = clients.launch(kernel, "crash");

        assertThat(launch.exitCode()).isNotZero();
        String prefix = "kernel " + clients.kernelIdOf("crash") + " exited with code 1 before it answered; its last log line: ";
        assertThat(launch.output()).contains(prefix);
        String before = launch.output().substring(0, launch.output().indexOf(prefix));
        String lastLine = launch.output().substring(launch.output().indexOf(prefix) + prefix.length()).lines()
                .findFirst().orElse("");
        assertThat(lastLine).isNotBlank();
        assertThat(before).contains("'nosuch.Kernel' could not be imported").contains(lastLine);
        // the launcher exits without waiting for the removal: the engine removes the exited container (auto-remove)
        await().atMost(Duration.ofSeconds(10))
                .until(() -> kernelContainers(Map.of("kernel_id", clients.kernelIdOf("crash"))).isEmpty());
    }

    @Test
    void portsOutsideTheKernelspecsRangeAreRefused() throws Exception {
        // Below the ephemeral ports that free ports come from.
        String kernel = clients.install("--port-range", "1024..1123");
        int[] ports = KernelClients.freePorts();

        KernelClients.Run launch = clients.launch(kernel, "range", ports);

        assertThat(launch.exitCode()).isNotZero();
        assertThat(launch.output()).contains("shell_port " + ports[0] + " lies outside the kernelspec's port range "
                + "1024..1123");
        assertThat(kernelContainers(Map.of("kernel_id", clients.kernelIdOf("range")))).isEmpty();
    }

    @Test
    void aPortRangeWithFewerThanFiveFreePortsIsReportedAsFull() throws Exception {
        int lower = fiveFreePortsInARow();
        String kernel = clients.install("--port-range", lower + ".." + (lower + 4));
        try (var taken = new java.net.ServerSocket(lower + 2, 1, java.net.InetAddress.getLoopbackAddress())) {
            KernelClients.Run launch = clients.launch(kernel, "full", new int[] {lower, lower + 1, lower + 2, lower + 3,
                    lower + 4});

            assertThat(launch.exitCode()).isNotZero();
            assertThat(launch.output()).contains("the kernelspec's port range " + lower + ".." + (lower + 4) + " is full: "
                    + "4 of its ports are free on 127.0.0.1, a kernel needs 5");
        }
        assertThat(kernelContainers(Map.of("kernel_id", clients.kernelIdOf("full")))).isEmpty();
    }

    /** The lowest of five consecutive ports nobody listens on, below the ephemeral ports others get. */
    private static int fiveFreePortsInARow() throws java.io.IOException {
        for (int lower = 21000 + new java.util.Random().nextInt(5000); ; lower += 5) {
            boolean free = true;
            for (int port = lower; port < lower + 5 && free; port++) {
                try (var probe = new java.net.ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
                    free = probe.isBound();
                } catch (java.io.IOException taken) {
                    free = false;
                }
            }
            if (free) {
                return lower;
            }
        }
    }

    @Test
    void aPortSomebodyElseHoldsIsReportedAndNothingIsLeftBehind() throws Exception {
        String kernel = clients.install();
        int[] ports = KernelClients.freePorts();
        try (var taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            ports[2] = taken.getLocalPort(); // the stdin port
            KernelClients.Run launch = clients.launch(kernel, "taken", ports);

            assertThat(launch.exitCode()).isNotZero();
            assertThat(launch.output()).contains("cannot start kernel " + clients.kernelIdOf("taken") + " (" + user + "-"
                    + clients.kernelIdOf("taken") + "): ").contains(String.valueOf(taken.getLocalPort()));
        }
        assertThat(kernelContainers(Map.of("kernel_id", clients.kernelIdOf("taken")))).isEmpty();
    }

    @Test
    void aNetworkThatDoesNotExistIsReportedAtOnce() throws Exception {
        String network = "kernels15-nonet-" + id;
        String kernel = clients.install("--network", network);

        KernelClients.Run launch = clients.launch(kernel, "nonet");

        assertThat(launch.exitCode()).isNotZero();
        assertThat(launch.output()).contains("network '" + network + "' (kernelspec " + kernel + ") does not exist");
        assertThat(kernelContainers(Map.of("kernel_id", clients.kernelIdOf("nonet")))).isEmpty();
    }

    @Test
    void kernelLsShowsARunningKernelAndSigtermOrKernelRmRemoveIt() throws Exception {
        String kernel = clients.install();
        Process terminated = clients.startLauncher(kernel, "term");
        Process removed = clients.startLauncher(kernel, "rm");
        try {
            awaitRunning(clients.kernelIdOf("term"));
            awaitRunning(clients.kernelIdOf("rm"));
            CliRunner.Result ls = CliRunner.withEnvironmentEngine().run("kernel", "ls");
            assertThat(ls.out().lines()).anySatisfy(row -> assertThat(row).startsWith(user + " ")
                    .contains(clients.kernelIdOf("term"), "capstan-kernel-python:latest", "running", user + "-" + clients.kernelIdOf("term")));

            terminated.destroy(); // SIGTERM, as a client's kill does
            assertThat(terminated.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(kernelContainers(Map.of("kernel_id", clients.kernelIdOf("term")))).isEmpty();

            CliRunner.Result rm = CliRunner.withEnvironmentEngine().run("kernel", "rm", clients.kernelIdOf("rm"));
            assertThat(rm.exitCode()).as(rm.err()).isZero();
            assertThat(removed.waitFor(60, TimeUnit.SECONDS)).as("the launcher ends with its kernel").isTrue();
            assertThat(kernelContainers(Map.of("kernel_id", clients.kernelIdOf("rm")))).isEmpty();
            assertThat(CliRunner.withEnvironmentEngine().run("kernel", "rm", clients.kernelIdOf("rm")).err())
                    .contains("no kernel with id '" + clients.kernelIdOf("rm") + "'");
        } finally {
            terminated.destroyForcibly();
            removed.destroyForcibly();
        }
    }

    @Test
    void aClientThatGoesAwayTakesItsKernelWithIt() throws Exception {
        String kernel = clients.install();
        // The client: a shell that runs the launcher and is then killed without a word to it.
        Process client = clients.startLauncher(kernel, "gone", "bash", "-c", "\"$@\" & wait", "client");
        try {
            awaitRunning(clients.kernelIdOf("gone"));
            client.destroyForcibly();

            await().atMost(Duration.ofSeconds(60))
                    .until(() -> kernelContainers(Map.of("kernel_id", clients.kernelIdOf("gone"))).isEmpty());
        } finally {
            client.destroyForcibly();
        }
    }

    private void awaitRunning(String kernelId) {
        await().atMost(Duration.ofSeconds(120)).until(() -> engine.containers()
                .list(ContainerFilter.allWithLabels(Map.of("kernel_id", kernelId))).stream()
                .anyMatch(c -> c.status() == ContainerStatus.RUNNING));
    }

    private List<String> kernelContainers(Map<String, String> labels) {
        return engine.containers().list(ContainerFilter.allWithLabels(labels)).stream().map(c -> c.name()).toList();
    }
}
