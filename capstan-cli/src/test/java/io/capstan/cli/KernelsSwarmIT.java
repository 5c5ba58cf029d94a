package io.capstan.cli;

import io.capstan.core.engine.ContainerFilter;
import io.capstan.core.error.NotFoundException;
import io.capstan.core.label.Labels;
import io.capstan.core.spec.ContainerSpec;
import io.capstan.core.workload.WorkloadStatus;
import io.capstan.core.workload.WorkloadTarget;
import io.capstan.docker.DockerEngine;
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
 * Capstan's {@code --swarm} kernelspecs with real Jupyter clients on a one-node swarm of the local engine: each
 * kernel a Swarm service. An engine in no swarm is made the manager of one ({@code --advertise-addr 127.0.0.1}) and
 * stays one (other tests of the shared engine may use it).
 */
class KernelsSwarmIT {
    private static final String USER_LABEL = "io.capstan.kernel-user";

    private final DockerEngine engine = (DockerEngine) EngineLocator.fromEnvironment().locate(null);
    private final WorkloadTarget swarm = engine.swarm();
    private final List<String> networks = new ArrayList<>();
    private final List<String> containers = new ArrayList<>();
    @TempDir
    Path prefix;
    private KernelClients clients;
    private String user;

    @BeforeEach
    void aOneNodeSwarmAndTheKernelImage() {
        assertThat(engine.images().inspect("capstan-kernel-python:latest").id())
                .as("the kernel image, built by scripts/test-images.sh").isNotBlank();
        if (!engine.swarmMembership().state().active()) {
            engine.swarmMembership().init("127.0.0.1");
        }
        clients = new KernelClients("kernels15s", prefix);
        user = clients.user;
    }

    @AfterEach
    void cleanUp() {
        // Services and containers a failed assertion left behind: every kernel this test launched carries its user.
        swarm.list(Map.of(USER_LABEL, user)).forEach(s -> removeQuietly(() -> swarm.remove(s.name())));
        containers.forEach(c -> removeQuietly(() -> engine.containers().remove(c, true, true)));
        networks.forEach(n -> await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> { engine.networks().remove(n); return true; }));
        engine.close();
    }

    @Test
    void aJupyterClientRunsCodeInAServiceOnTheKernelspecsOverlayNetworkInterruptsItAndLeavesNothingBehind()
            throws Exception {
        String network = overlayNetwork();
        String peer = "kernels15s-peer-" + clients.id;
        engine.containers().create(ContainerSpec.builder("capstan-busybox:test").name(peer)
                .command("sleep", "300").network(network).labels(Labels.owned()).build());
        containers.add(peer);
        engine.containers().start(peer);
        String kernel = clients.install("--swarm", "--network", network);

        KernelClients.Run session = clients.python("session.py", kernel, peer);

        assertThat(session.exitCode()).as(session.output()).isZero();
        Map<String, String> values = session.values();
        String kernelId = values.get("KERNEL_ID");
        assertThat(values.get("STATE")).as("state kept between cells, the kernel's id in its task")
                .startsWith("ok|42 " + kernelId + " ");
        assertThat(values.get("PEER")).as("a container attached to the overlay network resolves by name")
                .matches("ok\\|[0-9.]+");
        assertThat(values.get("INTERRUPTED")).isEqualTo("error|KeyboardInterrupt");
        assertThat(values.get("AFTER")).isEqualTo("ok|41");
        assertThat(values.get("SHUTDOWN")).isEqualTo("ok");
        assertNothingLeftOf(user + "-" + kernelId, kernelId);
    }

    @Test
    void jupyterServerStartsAServiceKernelOverRestExecutesOverItsWebsocketAndDeletesIt() throws Exception {
        String kernel = clients.install("--swarm");
        Path work = Files.createDirectories(prefix.resolve("work"));

        KernelClients.Run server = clients.python("server.py", kernel, String.valueOf(KernelClients.freePort()),
                work.toString());

        assertThat(server.exitCode()).as(server.output()).isZero();
        Map<String, String> values = server.values();
        assertThat(values.get("EXECUTE")).isEqualTo("ok|42 " + values.get("KERNEL_ID"));
        assertThat(values.get("DELETE")).isEqualTo("204");
        assertNothingLeftOf(user + "-" + values.get("KERNEL_ID"), values.get("KERNEL_ID"));
    }

    @Test
    void theInstalledSwarmKernelspecHasTheSwarmDefaultsAndMode() throws Exception {
        KernelClients.Run install = clients.run(List.of(KernelClients.CAPSTAN.toString(), "kernelspec", "install",
                "--swarm", "--prefix", prefix.toString(), "--launcher", KernelClients.CAPSTAN.toString()));

        assertThat(install.exitCode()).as(install.output()).isZero();
        String json = Files.readString(prefix.resolve("share/jupyter/kernels/docker_swarm_python/kernel.json"));
        assertThat(json).contains("\"display_name\": \"Docker Swarm Python\"", "\"mode\": \"swarm\"");
    }

    @Test
    void aRefusedUserAMissingImageAndAMissingNetworkAreReportedAtOnceWithNoService() throws Exception {
        KernelClients.Run refused = clients.launch(clients.install("--swarm", "--authorized-users", "somebody-else"),
                "refused");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.output()).contains("403 Forbidden: user " + user + " is not authorised to launch this kernel");

        String image = "kernels15s-missing-" + clients.id + ":1";
        String noImage = clients.install("--swarm", "--image-name", image, "--launch-timeout", "600");
        KernelClients.Run missing = clients.launch(noImage, "noimage");
        assertThat(missing.exitCode()).isNotZero();
        assertThat(missing.output()).contains("kernel image '" + image + "' (kernelspec " + noImage + ") not found");

        String network = "kernels15s-nonet-" + clients.id;
        String noNetwork = clients.install("--swarm", "--network", network);
        KernelClients.Run nonet = clients.launch(noNetwork, "nonet");
        assertThat(nonet.exitCode()).isNotZero();
        assertThat(nonet.output()).contains("network '" + network + "' (kernelspec " + noNetwork + ") does not exist: "
                + "create it with 'capstan swarm network create " + network + "'");

        assertThat(swarm.list(Map.of(USER_LABEL, user))).isEmpty();
    }

    @Test
    void aKernelWhoseTaskFailsIsReportedWithSwarmsErrorAndItsLastLineLongBeforeTheLaunchTimeout() throws Exception {
        // A launch timeout of ten minutes: the launch returning within the process timeout shows it did not wait.
        String kernel = clients.install("--swarm", "--ipykernel-subclass-name", "nosuch.Kernel", "--launch-timeout", "600");

        KernelClients.Run launch = clients.launch(kernel, "crash");

        assertThat(launch.exitCode()).isNotZero();
        String kernelId = clients.kernelIdOf("crash");
        String prefix = "kernel " + kernelId + ": its Swarm task failed (task: non-zero exit (1)) before the kernel "
                + "answered; its last log line: ";
        assertThat(launch.output()).contains(prefix);
        String lastLine = launch.output().substring(launch.output().indexOf(prefix) + prefix.length()).lines()
                .findFirst().orElse("");
        assertThat(lastLine).contains("'nosuch.Kernel' could not be imported");
        assertNothingLeftOf(user + "-" + kernelId, kernelId);
    }

    @Test
    void aPortSomebodyElseHoldsFailsTheTaskAtOnceWithSwarmsErrorAndNothingIsLeftBehind() throws Exception {
        String kernel = clients.install("--swarm", "--launch-timeout", "600");
        int[] ports = KernelClients.freePorts();
        String kernelId = clients.kernelIdOf("taken");
        try (var taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            ports[2] = taken.getLocalPort(); // the stdin port
            KernelClients.Run launch = clients.launch(kernel, "taken", ports);

            assertThat(launch.exitCode()).isNotZero();
            assertThat(launch.output()).contains("kernel " + kernelId + ": its Swarm task failed (")
                    .contains(taken.getLocalPort() + ": bind: address already in use");
        }
        assertNothingLeftOf(user + "-" + kernelId, kernelId);
    }

    @Test
    void kernelLsShowsAServiceKernelAndSigtermOrKernelRmRemoveIt() throws Exception {
        String kernel = clients.install("--swarm");
        Process terminated = clients.startLauncher(kernel, "term");
        Process removed = clients.startLauncher(kernel, "rm");
        String term = clients.kernelIdOf("term");
        String rmId = clients.kernelIdOf("rm");
        try {
            awaitRunning(user + "-" + term);
            awaitRunning(user + "-" + rmId);
            CliRunner.Result ls = CliRunner.withEnvironmentEngine().run("kernel", "ls");
            assertThat(ls.out().lines()).anySatisfy(row -> assertThat(row).startsWith(user + " ")
                    .contains(term, "capstan-kernel-python:latest", "running", "service " + user + "-" + term));

            terminated.destroy(); // SIGTERM, as a client's kill does
            assertThat(terminated.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertNothingLeftOf(user + "-" + term, term);

            CliRunner.Result rm = CliRunner.withEnvironmentEngine().run("kernel", "rm", rmId);
            assertThat(rm.exitCode()).as(rm.err()).isZero();
            assertThat(removed.waitFor(60, TimeUnit.SECONDS)).as("the launcher ends with its kernel").isTrue();
            assertNothingLeftOf(user + "-" + rmId, rmId);
        } finally {
            terminated.destroyForcibly();
            removed.destroyForcibly();
        }
    }

    private String overlayNetwork() {
        String network = "kernels15s-net-" + clients.id;
        CliRunner.Result created = CliRunner.withEnvironmentEngine().run("swarm", "network", "create", network);
        assertThat(created.exitCode()).as(created.err()).isZero();
        networks.add(network);
        return network;
    }

    private void awaitRunning(String service) {
        await().atMost(Duration.ofSeconds(120)).ignoreExceptions().until(() -> swarm.inspect(service).running() == 1);
    }

    /** No service with that kernel id, and (Swarm removes them after the service) no container of its task. */
    private void assertNothingLeftOf(String service, String kernelId) {
        assertThat(swarm.list(Map.of("kernel_id", kernelId))).extracting(WorkloadStatus::name).isEmpty();
        await().atMost(Duration.ofSeconds(30)).until(() -> engine.containers().list(
                ContainerFilter.allWithLabels(Map.of(Labels.SWARM_SERVICE_NAME, service)))
                .isEmpty());
    }

    private static void removeQuietly(Runnable removal) {
        try {
            removal.run();
        } catch (NotFoundException gone) {
            // removed by the test
        }
    }
}
