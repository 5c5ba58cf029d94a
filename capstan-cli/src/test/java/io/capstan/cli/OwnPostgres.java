package io.capstan.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A PostgreSQL cluster of the test's own (Debian's binaries, as {@code scripts/postgres.sh} finds them): its own data
 * directory and port, so that the test may SIGKILL its postmaster without touching the shared one. Run as the
 * {@code postgres} user, trusting local connections; {@link #close()} stops it and removes its directory.
 */
final class OwnPostgres implements AutoCloseable {
    private final Path bin;
    private final Path dir;
    private final int port;

    private OwnPostgres(Path bin, Path dir, int port) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
    }

    /** Makes the cluster, starts it and creates the database {@code capstan}. */
    static OwnPostgres start(String prefix) throws Exception {
        Path versions = Path.of("/usr/lib/postgresql");
        assertThat(versions).as("PostgreSQL's binaries (apt-get install postgresql)").isDirectory();
        Path bin;
        try (Stream<Path> found = Files.list(versions)) {
            bin = found.max(Comparator.comparing(p -> Integer.parseInt(p.getFileName().toString().replaceAll("\\D", "0"))))
                    .orElseThrow().resolve("bin");
        }
        Path dir = Files.createTempDirectory(prefix + "-pg-");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        OwnPostgres pg = new OwnPostgres(bin, dir, port);
        try {
            run("chown", "postgres:postgres", dir.toString());
            pg.asPostgres(bin.resolve("initdb").toString(), "-D", pg.data().toString(), "-A", "trust", "-U", "postgres");
            pg.startAgain();
            pg.asPostgres(bin.resolve("createdb").toString(), "-h", "127.0.0.1", "-p", String.valueOf(port), "-U",
                    "postgres", "capstan");
            return pg;
        } catch (Exception | AssertionError e) {
            pg.close();
            throw e;
        }
    }

    /** The {@code --db} URL of the database (user {@code postgres}, no password). */
    String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/capstan";
    }

    /** SIGKILLs the postmaster, as a crash would, and waits until no process of the cluster is left. */
    void kill() throws Exception {
        long pid = postmaster();
        run("kill", "-9", String.valueOf(pid));
        await().atMost(Duration.ofSeconds(30)).until(() -> ProcessHandle.of(pid).isEmpty());
        // its backends notice the postmaster's death and end; a new postmaster refuses to start while they hold memory
        await().atMost(Duration.ofSeconds(30)).until(() -> !answers());
    }

    /** Starts the cluster (again, after {@link #kill()}: it recovers from its log) and waits until it answers. */
    void startAgain() throws Exception {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
            asPostgres(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-l", dir.resolve("log").toString(),
                    "-w", "-t", "30", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1", "start");
            return answers();
        });
    }

    private boolean answers() throws Exception {
        return new ProcessBuilder(bin.resolve("pg_isready").toString(), "-q", "-h", "127.0.0.1", "-p",
                String.valueOf(port)).start().waitFor() == 0;
    }

    private long postmaster() throws IOException {
        return Long.parseLong(Files.readAllLines(data().resolve("postmaster.pid")).getFirst().strip());
    }

    private Path data() {
        return dir.resolve("data");
    }

    @Override
    public void close() throws Exception {
        if (Files.exists(data().resolve("postmaster.pid"))) {
            try {
                long pid = postmaster();
                run("kill", "-9", String.valueOf(pid));
                await().atMost(Duration.ofSeconds(30)).until(() -> ProcessHandle.of(pid).isEmpty());
            } catch (IOException | NumberFormatException | java.util.NoSuchElementException stale) {
                // no postmaster
            }
        }
        run("rm", "-rf", dir.toString());
    }

    private void asPostgres(String... command) throws Exception {
        List<String> argv = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        argv.addAll(List.of(command));
        run(argv.toArray(String[]::new));
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("%s said: %s", String.join(" ", command), output).isZero();
    }
}
