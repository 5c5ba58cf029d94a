package io.capstan.docker;

import io.capstan.core.error.EngineUnavailableException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Starts the local Docker engine when none answers: through systemd when the machine runs it, otherwise by
 * launching {@code dockerd} in its own session, logging to {@link #LOG_FILE}. Never starts a second engine, and
 * never one other than the named engine: when {@code --engine}, {@code CAPSTAN_ENGINE} or {@code DOCKER_HOST} names
 * an engine elsewhere, it says so instead.
 */
public final class EngineStarter {
    public static final Path LOG_FILE = Path.of("/var/log/capstan-dockerd.log");
    private static final Duration STARTUP_LIMIT = Duration.ofSeconds(90);

    private final EngineLocator locator;
    private final List<Path> searchPath;
    private final long uid;
    private final Path socket;

    public EngineStarter(EngineLocator locator) {
        this(locator, defaultSearchPath(), EngineLocator.currentUid(), Path.of(EngineLocator.DOCKER_SOCKET));
    }

    /** For tests: where to look for {@code dockerd}, whose privileges to assume, and the socket dockerd listens on. */
    EngineStarter(EngineLocator locator, List<Path> searchPath, long uid, Path socket) {
        this.locator = locator;
        this.searchPath = List.copyOf(searchPath);
        this.uid = uid;
        this.socket = socket;
    }

    private static List<Path> defaultSearchPath() {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/bin:/sbin:/bin:/usr/local/bin";
        return Stream.of(path.split(":")).filter(s -> !s.isEmpty()).map(Path::of).distinct().toList();
    }

    /** What happened: the engine that answers in the end, and whether this call started it. */
    public record Outcome(String endpoint, boolean started, String how) {
    }

    /** Whether this starter would start the engine Capstan uses: none is named, or the named one is the local one. */
    public boolean startsTheEngineInUse(String option) {
        return locator.named(option).map(named -> named.endpoint().equals(endpoint())).orElse(true);
    }

    /** @param option the {@code --engine} value, or null */
    public Outcome ensureRunning(String option, Consumer<String> progress) {
        try (DockerEngine running = locator.locate(option)) {
            return new Outcome(running.endpoint(), false, "already running");
        } catch (EngineUnavailableException notRunning) {
            if (!startsTheEngineInUse(option)) {
                throw new EngineUnavailableException(notRunning.getMessage()
                        + " ('capstan engine start' starts only the local Docker engine, " + endpoint() + ")");
            }
        }
        Path dockerd = findDockerd().orElseThrow(() -> new EngineUnavailableException(
                "no container engine is running and dockerd is not installed: install it with "
                        + "'apt-get install docker.io' (as root), then run 'capstan engine start'"));
        if (uid != 0) {
            throw new EngineUnavailableException("no container engine is running and starting dockerd needs root: "
                    + "run 'sudo capstan engine start' or 'sudo systemctl start docker'");
        }
        String how;
        Process process = null;
        if (Files.isDirectory(Path.of("/run/systemd/system"))) {
            progress.accept("starting docker through systemd");
            run(List.of("systemctl", "start", "docker"));
            how = "systemctl start docker";
        } else {
            progress.accept("starting " + dockerd + " (log: " + LOG_FILE + ")");
            process = launch(dockerd);
            how = dockerd + " (pid " + process.pid() + ", log " + LOG_FILE + ")";
        }
        String endpoint = endpoint();
        long deadline = System.nanoTime() + STARTUP_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(socket)) {
                try (DockerEngine engine = DockerEngine.connect(endpoint)) {
                    if (engine.ping()) {
                        return new Outcome(endpoint, true, how);
                    }
                }
            }
            if (process != null && !process.isAlive()) {
                throw new EngineUnavailableException("dockerd exited with status " + process.exitValue()
                        + " while starting: " + lastLogLine() + " (full log: " + LOG_FILE + ")");
            }
            sleep(Duration.ofMillis(200));
        }
        throw new EngineUnavailableException("dockerd did not answer within " + STARTUP_LIMIT.toSeconds()
                + " s; see " + LOG_FILE);
    }

    private String endpoint() {
        return "unix://" + socket;
    }

    private Optional<Path> findDockerd() {
        return searchPath.stream().map(dir -> dir.resolve("dockerd")).filter(Files::isExecutable).findFirst();
    }

    private static Process launch(Path dockerd) {
        try {
            Files.createDirectories(LOG_FILE.getParent());
            // setsid puts dockerd in its own session, so it outlives this process and ignores our terminal's ^C.
            return new ProcessBuilder("setsid", dockerd.toString())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(LOG_FILE.toFile()))
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new EngineUnavailableException("could not start " + dockerd + ": " + e.getMessage(), e);
        }
    }

    private static void run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes()).strip();
            if (p.waitFor() != 0) {
                throw new EngineUnavailableException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new EngineUnavailableException(String.join(" ", command) + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineUnavailableException("interrupted while starting the engine", e);
        }
    }

    private static String lastLogLine() {
        try (Stream<String> lines = Files.lines(LOG_FILE)) {
            return lines.filter(l -> l.contains("level=fatal") || l.contains("level=error") || l.startsWith("failed"))
                    .reduce((a, b) -> b).orElse("no error in the log");
        } catch (IOException e) {
            return "log unreadable";
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineUnavailableException("interrupted while waiting for the engine", e);
        }
    }
}
