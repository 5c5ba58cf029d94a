package io.capstan.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code capstan server --detach} as the user runs it: the background server gets every option (each one's effect is
 * checked on the running server) and never the password on its command line, which every user of the host can read
 * in {@code /proc/PID/cmdline}.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ServerDetachIT {
    private static final String PASSWORD = "tok20-detach-s3cret";

    @TempDir
    Path dir;

    @Test
    void theBackgroundServerGetsEveryOptionAndNotThePassword() throws Exception {
        Path data = dir.resolve("data");
        Path db = Files.createDirectories(dir.resolve("db")).resolve("detached.db");
        int port = freePort();
        String url = "http://127.0.0.1:" + port;
        CliProcess started = capstan("server", "--detach", "--port", String.valueOf(port), "--data-dir", data.toString(),
                "--db", db.toString(), "--db-password", PASSWORD, "--auth-reads",
                "--resync-interval", "7", "--health-interval", "5");
        long pid = -1;
        try {
            assertThat(started.exit()).as(started.output()).isZero();
            pid = Long.parseLong(Files.readString(data.resolve("server.pid")).strip());

            String cmdline = Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ');
            assertThat(cmdline).doesNotContain(PASSWORD)
                    .contains("--port=" + port, "--data-dir=" + data, "--db=" + db, "--auth-reads", "--resync-interval=7", "--health-interval=5").doesNotContain("--detach");

            assertThat(db).as("--db").exists();
            assertThat(data.resolve("admin.token")).as("--data-dir").exists();
            assertThat(status(url + "/containers")).as("--auth-reads").isEqualTo(401);
            String admin = Files.readString(data.resolve("admin.token")).strip();
            assertThat(status(url + "/containers", admin)).as("--auth-reads, with the admin token").isEqualTo(200);

            assertThat(mode(data)).isEqualTo("rwx------");
            assertThat(mode(data.resolve("server.log"))).isEqualTo("rw-------");
            assertThat(mode(db)).isEqualTo("rw-------");
        } finally {
            CliProcess stopped = capstan("server", "--stop", "--data-dir", data.toString());
            if (pid > 0) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
            assertThat(stopped.exit()).as(stopped.output()).isZero();
        }
    }

    @Test
    void withPortZeroItReportsThePortTheBackgroundServerBound() throws Exception {
        Path data = dir.resolve("data0");
        CliProcess started = capstan("server", "--detach", "--port", "0", "--data-dir", data.toString(),
                "--db", dir.resolve("zero.db").toString());
        long pid = -1;
        try {
            assertThat(started.exit()).as(started.output()).isZero();
            pid = Long.parseLong(Files.readString(data.resolve("server.pid")).strip());
            var reported = java.util.regex.Pattern.compile("started in the background at http://127\\.0\\.0\\.1:(\\d+)/ ")
                    .matcher(started.output());
            assertThat(reported.find()).as(started.output()).isTrue();
            int port = Integer.parseInt(reported.group(1));
            assertThat(port).isPositive();
            assertThat(status("http://127.0.0.1:" + port + "/health")).isEqualTo(200);
        } finally {
            CliProcess stopped = capstan("server", "--stop", "--data-dir", data.toString());
            if (pid > 0) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
            assertThat(stopped.exit()).as(stopped.output()).isZero();
        }
    }

    @Test
    void aDataDirectoryOthersMayReadIsNamedAtStartWithTheCommandThatFixesIt() throws Exception {
        Path data = Files.createDirectory(dir.resolve("open"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path db = Files.writeString(data.resolve("capstan.db"), "");
        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-r--r--"));
        CliProcess started = capstan("server", "--detach", "--port", String.valueOf(freePort()), "--data-dir",
                data.toString(), "--db", db.toString());
        try {
            assertThat(started.exit()).as(started.output()).isZero();
            assertThat(started.output().lines().filter(l -> l.startsWith("capstan: WARNING: ")).toList()).containsExactly(
                    "capstan: WARNING: " + data + " may be read by others (mode rwxr-xr-x): run 'chmod 700 " + data + "'",
                    "capstan: WARNING: " + db + " may be read by others (mode rw-r--r--): run 'chmod 600 " + db + "'");
        } finally {
            CliProcess stopped = capstan("server", "--stop", "--data-dir", data.toString());
            assertThat(stopped.exit()).as(stopped.output()).isZero();
        }
    }

    private record CliProcess(int exit, String output) {
    }

    /** The CLI as its own process, as the launcher would run it from this checkout. */
    private CliProcess capstan(String... args) throws Exception {
        Path root = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
        Path log = Files.createTempFile(dir, "cli", ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dcapstan.home=" + root, "-cp", System.getProperty("java.class.path"), "io.capstan.cli.Main"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
        return new CliProcess(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private static int status(String url) throws Exception {
        return status(url, null);
    }

    private static int status(String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }

    private static String mode(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
