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

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Capstan's kernelspecs with real Jupyter clients (Debian's python3-jupyter-client and python3-nbclient, run with
 * /usr/bin/python3) on the real engine, with the kernel image scripts/test-images.sh builds. The kernelspec's argv
 * runs this checkout's ./capstan launcher, as an installed kernelspec would.
 */
class KernelsIT {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Path CAPSTAN = ROOT.resolve("capstan");
    private static final String PYTHON = "/usr/bin/python3";
    private static final String USER_LABEL = "io.capstan.kernel-user";

    private final ContainerEngine engine = EngineLocator.fromEnvironment().locate(null);
    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private final String user = "kernels15-" + id;
    private final List<String> networks = new ArrayList<>();
    private final List<String> containers = new ArrayList<>();
    @TempDir
    Path prefix;

    @BeforeEach
    void kernelImageIsBuilt() {
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
        String kernel = install("--network", network);

        Run session = python(script("session.py"), kernel, peer);

        assertThat(session.exitCode()).as(session.output()).isZero();
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
        String kernel = install("--display-name", "Capstan \"IT\" ☕");
        int port;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Path work = Files.createDirectories(prefix.resolve("work"));

        Run server = python(script("server.py"), kernel, String.valueOf(port), work.toString());

        assertThat(server.exitCode()).as(server.output()).isZero();
        Map<String, String> values = server.values();
        assertThat(values.get("KERNELSPEC")).isEqualTo("Capstan \"IT\" ☕");
        assertThat(values.get("EXECUTE")).isEqualTo("ok|42 " + values.get("KERNEL_ID"));
        assertThat(values.get("DELETE")).isEqualTo("204");
        assertThat(kernelContainers(Map.of("kernel_id", values.get("KERNEL_ID")))).isEmpty();
    }

    @Test
    void nbclientRunsAThreeCellNotebook() throws Exception {
        String kernel = install();

        Run notebook = python(script("notebook.py"), kernel);

        assertThat(notebook.exitCode()).as(notebook.output()).isZero();
        assertThat(notebook.values()).containsEntry("CELL0", "").containsEntry("CELL1", "21").containsEntry("CELL2", "42");
        assertThat(kernelContainers(Map.of(USER_LABEL, user))).isEmpty();
    }

    @Test
    void aRefusedUserGetsA403AndNoContainer() throws Exception {
        String kernel = install("--authorized-users", "somebody-else");

        Run launch = launch(kernel, "refused");

        assertThat(launch.exitCode()).isNotZero();
        assertThat(launch.output()).contains("403 Forbidden: user " + user + " is not authorised to launch this kernel");
        assertThat(kernelContainers(Map.of("kernel_id", kernelIdOf("refused")))).isEmpty();
    }

    @Test
    void aMissingImageIsReportedAtOnce() throws Exception {
        String image = "kernels15-missing-" + id + ":1";
        String kernel = install("--image-name", image, "--launch-timeout", "600");

        Run launch = launch(kernel, "noimage");

        assertThat(launch.exitCode()).isNotZero();
        assertThat(launch.output()).contains("kernel image '" + image + "' (kernelspec " + kernel + ") not found: "
                + "build it with 'capstan kernel image build --tag " + image + "'");
        assertThat(kernelContainers(Map.of("kernel_id", kernelIdOf("noimage")))).isEmpty();
    }

    @Test
    void aKernelThatExitsAtOnceIsReportedWithItsLastLinesLongBeforeTheLaunchTimeout() throws Exception {
        // A launch timeout of ten minutes: the launch returning within the process timeout below shows it did not wait.
        String kernel = install("--ipykernel-subclass-name", "nosuch.Kernel", "--launch-timeout", "600");

        Run launch = launch(kernel, "crash");

        assertThat(launch.exitCode()).isNotZero();
        String prefix = "kernel " + kernelIdOf("crash") + " exited with code 1 before it answered; its last log line: ";
        assertThat(launch.output()).contains(prefix);
        String before = launch.output().substring(0, launch.output().indexOf(prefix));
        String lastLine = launch.output().substring(launch.output().indexOf(prefix) + prefix.length()).lines()
                .findFirst().orElse("");
        assertThat(lastLine).isNotBlank();
        assertThat(before).contains("'nosuch.Kernel' could not be imported").contains(lastLine);
        assertThat(kernelContainers(Map.of("kernel_id", kernelIdOf("crash")))).isEmpty();
    }

    @Test
    void portsOutsideTheKernelspecsRangeAreRefused() throws Exception {
        // Below the ephemeral ports that free ports come from.
        String kernel = install("--port-range", "1024..1123");
        int[] ports = freePorts();

        Run launch = launch(kernel, "range", ports);

        assertThat(launch.exitCode()).isNotZero();
        assertThat(launch.output()).contains("shell_port " + ports[0] + " lies outside the kernelspec's port range "
                + "1024..1123");
        assertThat(kernelContainers(Map.of("kernel_id", kernelIdOf("range")))).isEmpty();
    }

    @Test
    void aPortSomebodyElseHoldsIsReportedAndNothingIsLeftBehind() throws Exception {
        String kernel = install();
        int[] ports = freePorts();
        try (var taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            ports[2] = taken.getLocalPort(); // the stdin port
            Run launch = launch(kernel, "taken", ports);

            assertThat(launch.exitCode()).isNotZero();
            assertThat(launch.output()).contains("cannot start kernel " + kernelIdOf("taken") + " (" + user + "-"
                    + kernelIdOf("taken") + "): ").contains(String.valueOf(taken.getLocalPort()));
        }
        assertThat(kernelContainers(Map.of("kernel_id", kernelIdOf("taken")))).isEmpty();
    }

    @Test
    void aNetworkThatDoesNotExistIsReportedAtOnce() throws Exception {
        String network = "kernels15-nonet-" + id;
        String kernel = install("--network", network);

        Run launch = launch(kernel, "nonet");

        assertThat(launch.exitCode()).isNotZero();
        assertThat(launch.output()).contains("network '" + network + "' (kernelspec " + kernel + ") does not exist");
        assertThat(kernelContainers(Map.of("kernel_id", kernelIdOf("nonet")))).isEmpty();
    }

    @Test
    void kernelLsShowsARunningKernelAndSigtermOrKernelRmRemoveIt() throws Exception {
        String kernel = install();
        Process terminated = startLauncher(kernel, "term");
        Process removed = startLauncher(kernel, "rm");
        try {
            awaitRunning(kernelIdOf("term"));
            awaitRunning(kernelIdOf("rm"));
            CliRunner.Result ls = CliRunner.withEnvironmentEngine().run("kernel", "ls");
            assertThat(ls.out().lines()).anySatisfy(row -> assertThat(row).startsWith(user + " ")
                    .contains(kernelIdOf("term"), "capstan-kernel-python:latest", "running", user + "-" + kernelIdOf("term")));

            terminated.destroy(); // SIGTERM, as a client's kill does
            assertThat(terminated.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(kernelContainers(Map.of("kernel_id", kernelIdOf("term")))).isEmpty();

            CliRunner.Result rm = CliRunner.withEnvironmentEngine().run("kernel", "rm", kernelIdOf("rm"));
            assertThat(rm.exitCode()).as(rm.err()).isZero();
            assertThat(removed.waitFor(60, TimeUnit.SECONDS)).as("the launcher ends with its kernel").isTrue();
            assertThat(kernelContainers(Map.of("kernel_id", kernelIdOf("rm")))).isEmpty();
            assertThat(CliRunner.withEnvironmentEngine().run("kernel", "rm", kernelIdOf("rm")).err())
                    .contains("no kernel with id '" + kernelIdOf("rm") + "'");
        } finally {
            terminated.destroyForcibly();
            removed.destroyForcibly();
        }
    }

    @Test
    void aClientThatGoesAwayTakesItsKernelWithIt() throws Exception {
        String kernel = install();
        // The client: a shell that runs the launcher and is then killed without a word to it.
        Process client = startLauncher(kernel, "gone", "bash", "-c", "\"$@\" & wait", "client");
        try {
            awaitRunning(kernelIdOf("gone"));
            client.destroyForcibly();

            await().atMost(Duration.ofSeconds(60))
                    .until(() -> kernelContainers(Map.of("kernel_id", kernelIdOf("gone"))).isEmpty());
        } finally {
            client.destroyForcibly();
        }
    }

    private Process startLauncher(String kernel, String what, String... wrapper) throws IOException {
        Path connection = connectionFile(what, freePorts());
        List<String> argv = new ArrayList<>(List.of(wrapper));
        argv.addAll(List.of(CAPSTAN.toString(), "kernel", "launch", "--connection-file", connection.toString(),
                "--spec-dir", prefix.resolve("share/jupyter/kernels").resolve(kernel).toString()));
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(prefix.resolve(what + ".log").toFile());
        builder.environment().put("KERNEL_USERNAME", user);
        return builder.start();
    }

    private void awaitRunning(String kernelId) {
        await().atMost(Duration.ofSeconds(120)).until(() -> engine.containers()
                .list(ContainerFilter.allWithLabels(Map.of("kernel_id", kernelId))).stream()
                .anyMatch(c -> c.status() == ContainerStatus.RUNNING));
    }

    /** Installs a kernelspec into the test's prefix through the real CLI; returns its name. */
    private String install(String... options) throws Exception {
        String name = "kernels15_" + id + "_" + UUID.randomUUID().toString().substring(0, 4);
        List<String> argv = new ArrayList<>(List.of(CAPSTAN.toString(), "kernelspec", "install", "--prefix",
                prefix.toString(), "--kernel-name", name, "--launcher", CAPSTAN.toString()));
        argv.addAll(List.of(options));
        Run install = run(argv, Map.of());
        assertThat(install.exitCode()).as(install.output()).isZero();
        return name;
    }

    private String kernelIdOf(String what) {
        return what + "-" + id;
    }

    /** Runs the launcher as a client would, with a connection file it never gets to use. */
    private Run launch(String kernel, String what) throws Exception {
        return launch(kernel, what, freePorts());
    }

    private Run launch(String kernel, String what, int[] ports) throws Exception {
        Path connection = connectionFile(what, ports);
        return run(List.of(CAPSTAN.toString(), "kernel", "launch", "--connection-file", connection.toString(),
                "--spec-dir", prefix.resolve("share/jupyter/kernels").resolve(kernel).toString()), Map.of());
    }

    /** Five ports nobody listened on a moment ago: shell, iopub, stdin, control, hb. */
    private static int[] freePorts() throws IOException {
        int[] ports = new int[5];
        for (int i = 0; i < ports.length; i++) {
            try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                ports[i] = socket.getLocalPort();
            }
        }
        return ports;
    }

    private Path connectionFile(String what, int[] ports) throws IOException {
        Path connection = prefix.resolve("kernel-" + kernelIdOf(what) + ".json");
        Files.writeString(connection, ("{\"ip\": \"127.0.0.1\", \"transport\": \"tcp\", \"shell_port\": %d, "
                + "\"iopub_port\": %d, \"stdin_port\": %d, \"control_port\": %d, \"hb_port\": %d, "
                + "\"key\": \"k\", \"signature_scheme\": \"hmac-sha256\"}").formatted(ports[0], ports[1], ports[2],
                ports[3], ports[4]));
        return connection;
    }

    private Run python(Path script, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of(PYTHON, script.toString()));
        argv.addAll(List.of(args));
        return run(argv, Map.of("JUPYTER_PATH", prefix.resolve("share/jupyter").toString(),
                "JUPYTER_RUNTIME_DIR", prefix.resolve("runtime").toString()));
    }

    private Run run(List<String> argv, Map<String, String> extraEnv) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
        Map<String, String> env = new HashMap<>(extraEnv);
        env.put("KERNEL_USERNAME", user);
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        byte[][] output = new byte[1][];
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                output[0] = process.getInputStream().readAllBytes();
            } catch (IOException e) {
                output[0] = e.toString().getBytes(StandardCharsets.UTF_8);
            }
        });
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            reader.join();
            throw new AssertionError(argv + " did not finish within 180 s:\n" + new String(output[0], StandardCharsets.UTF_8));
        }
        reader.join();
        return new Run(process.exitValue(), new String(output[0], StandardCharsets.UTF_8));
    }

    private record Run(int exitCode, String output) {
        Map<String, String> values() {
            Map<String, String> values = new LinkedHashMap<>();
            output.lines().filter(l -> l.matches("[A-Z0-9_]+=.*")).forEach(l -> {
                int eq = l.indexOf('=');
                values.put(l.substring(0, eq), l.substring(eq + 1));
            });
            return values;
        }
    }

    private List<String> kernelContainers(Map<String, String> labels) {
        return engine.containers().list(ContainerFilter.allWithLabels(labels)).stream().map(c -> c.name()).toList();
    }

    private static Path script(String name) throws URISyntaxException {
        return Path.of(KernelsIT.class.getResource("/kernels/" + name).toURI());
    }
}
