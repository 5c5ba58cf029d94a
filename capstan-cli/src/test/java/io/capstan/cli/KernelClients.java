package io.capstan.cli;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the kernel tests do as a Jupyter client would: install kernelspecs into a prefix through the real CLI, run
 * the launcher with a connection file, and run Debian's Jupyter clients ({@code /usr/bin/python3}) with the
 * scripts in {@code src/test/resources/kernels}, as {@code KERNEL_USERNAME} {@link #user}.
 */
final class KernelClients {
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    static final Path CAPSTAN = ROOT.resolve("capstan");
    private static final String PYTHON = "/usr/bin/python3";

    final String id;
    final String user;
    private final Path prefix;

    KernelClients(String userPrefix, Path prefix) {
        this.id = UUID.randomUUID().toString().substring(0, 8);
        this.user = userPrefix + "-" + id;
        this.prefix = prefix;
    }

    /** Installs a kernelspec into the prefix through the real CLI; returns its name. */
    String install(String... options) throws Exception {
        String name = "kernels15_" + id + "_" + UUID.randomUUID().toString().substring(0, 4);
        List<String> argv = new ArrayList<>(List.of(CAPSTAN.toString(), "kernelspec", "install", "--prefix",
                prefix.toString(), "--kernel-name", name, "--launcher", CAPSTAN.toString()));
        argv.addAll(List.of(options));
        Run install = run(argv, Map.of());
        assertThat(install.exitCode()).as(install.output()).isZero();
        return name;
    }

    String kernelIdOf(String what) {
        return what + "-" + id;
    }

    /** Runs the launcher as a client would, with a connection file it never gets to use. */
    Run launch(String kernel, String what) throws Exception {
        return launch(kernel, what, freePorts());
    }

    Run launch(String kernel, String what, int[] ports) throws Exception {
        Path connection = connectionFile(what, ports);
        return run(List.of(CAPSTAN.toString(), "kernel", "launch", "--connection-file", connection.toString(),
                "--spec-dir", specDir(kernel).toString()), Map.of());
    }

    /** Starts the launcher (inside {@code wrapper}, when given) with its output to a file; does not wait. */
    Process startLauncher(String kernel, String what, String... wrapper) throws IOException {
        Path connection = connectionFile(what, freePorts());
        List<String> argv = new ArrayList<>(List.of(wrapper));
        argv.addAll(List.of(CAPSTAN.toString(), "kernel", "launch", "--connection-file", connection.toString(),
                "--spec-dir", specDir(kernel).toString()));
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(prefix.resolve(what + ".log").toFile());
        builder.environment().put("KERNEL_USERNAME", user);
        return builder.start();
    }

    private Path specDir(String kernel) {
        return prefix.resolve("share/jupyter/kernels").resolve(kernel);
    }

    /** Five ports nobody listened on a moment ago: shell, iopub, stdin, control, hb. */
    static int[] freePorts() throws IOException {
        int[] ports = new int[5];
        for (int i = 0; i < ports.length; i++) {
            ports[i] = freePort();
        }
        return ports;
    }

    static int freePort() throws IOException {
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private Path connectionFile(String what, int[] ports) throws IOException {
        Path connection = prefix.resolve("kernel-" + kernelIdOf(what) + ".json");
        Files.writeString(connection, ("{\"ip\": \"127.0.0.1\", \"transport\": \"tcp\", \"shell_port\": %d, "
                + "\"iopub_port\": %d, \"stdin_port\": %d, \"control_port\": %d, \"hb_port\": %d, "
                + "\"key\": \"k\", \"signature_scheme\": \"hmac-sha256\"}").formatted(ports[0], ports[1], ports[2],
                ports[3], ports[4]));
        return connection;
    }

    /** Runs one of the client scripts with the prefix's kernelspecs. */
    Run python(String script, String... args) throws Exception {
        List<String> argv = new ArrayList<>(List.of(PYTHON, script(script).toString()));
        argv.addAll(List.of(args));
        return run(argv, Map.of("JUPYTER_PATH", prefix.resolve("share/jupyter").toString(),
                "JUPYTER_RUNTIME_DIR", prefix.resolve("runtime").toString()));
    }

    Run run(List<String> argv) throws IOException, InterruptedException {
        return run(argv, Map.of());
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

    record Run(int exitCode, String output) {
        Map<String, String> values() {
            Map<String, String> values = new LinkedHashMap<>();
            output.lines().filter(l -> l.matches("[A-Z0-9_]+=.*")).forEach(l -> {
                int eq = l.indexOf('=');
                values.put(l.substring(0, eq), l.substring(eq + 1));
            });
            return values;
        }
    }

    private static Path script(String name) throws URISyntaxException {
        return Path.of(KernelClients.class.getResource("/kernels/" + name).toURI());
    }
}
