package io.capstan.docker;

import io.capstan.core.error.EngineUnavailableException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds an engine that answers, trying in order: {@code --engine}, {@code CAPSTAN_ENGINE}, {@code DOCKER_HOST},
 * the Docker socket, then the Podman sockets (rootless, then rootful). A place named explicitly with
 * {@code --engine} or {@code CAPSTAN_ENGINE} is the only one tried, so Capstan never silently talks to another.
 */
public final class EngineLocator {
    public static final String DOCKER_SOCKET = "/var/run/docker.sock";
    public static final String PODMAN_ROOTFUL_SOCKET = "/run/podman/podman.sock";

    /** One place an engine may answer, and where that place came from (for messages). */
    public record Candidate(String source, String endpoint) {
    }

    private final Map<String, String> environment;
    private final List<Candidate> defaults;

    public EngineLocator(Map<String, String> environment, List<Candidate> defaults) {
        this.environment = Map.copyOf(environment);
        this.defaults = List.copyOf(defaults);
    }

    public static EngineLocator fromEnvironment() {
        Map<String, String> env = System.getenv();
        List<Candidate> defaults = new ArrayList<>();
        defaults.add(new Candidate("Docker socket", "unix://" + DOCKER_SOCKET));
        String runtimeDir = env.getOrDefault("XDG_RUNTIME_DIR", "/run/user/" + currentUid());
        defaults.add(new Candidate("Podman socket (rootless)", "unix://" + runtimeDir + "/podman/podman.sock"));
        defaults.add(new Candidate("Podman socket (rootful)", "unix://" + PODMAN_ROOTFUL_SOCKET));
        return new EngineLocator(env, defaults);
    }

    /** The places to try, in order, given the {@code --engine} value (may be null). */
    public List<Candidate> candidates(String explicit) {
        if (explicit != null && !explicit.isBlank()) {
            return List.of(new Candidate("--engine", normalize(explicit)));
        }
        String configured = environment.get("CAPSTAN_ENGINE");
        if (configured != null && !configured.isBlank()) {
            return List.of(new Candidate("CAPSTAN_ENGINE", normalize(configured)));
        }
        List<Candidate> result = new ArrayList<>();
        String dockerHost = environment.get("DOCKER_HOST");
        if (dockerHost != null && !dockerHost.isBlank()) {
            result.add(new Candidate("DOCKER_HOST", normalize(dockerHost)));
        }
        for (Candidate c : defaults) {
            if (result.stream().noneMatch(r -> r.endpoint().equals(c.endpoint()))) {
                result.add(c);
            }
        }
        return result;
    }

    /** Connects to the first candidate that answers, or explains every place it tried. */
    public DockerEngine locate(String explicit) {
        List<String> tried = new ArrayList<>();
        for (Candidate candidate : candidates(explicit)) {
            String problem = problemWith(candidate.endpoint());
            if (problem == null) {
                DockerEngine engine = DockerEngine.connect(candidate.endpoint());
                if (engine.ping()) {
                    return engine;
                }
                engine.close();
                problem = "does not answer";
            }
            tried.add(candidate.source() + " " + candidate.endpoint() + " (" + problem + ")");
        }
        throw new EngineUnavailableException("no container engine answered; tried " + String.join(", ", tried)
                + ". Start one with 'capstan engine start' (needs the docker.io package), or point --engine or "
                + "CAPSTAN_ENGINE at a running engine");
    }

    /** Why a unix socket cannot be an engine, without connecting; null when worth a try. */
    private static String problemWith(String endpoint) {
        if (!endpoint.startsWith("unix://")) {
            return null;
        }
        Path socket = Path.of(endpoint.substring("unix://".length()));
        if (!Files.exists(socket)) {
            return "no such socket";
        }
        if (!Files.isReadable(socket) || !Files.isWritable(socket)) {
            return "permission denied: add your user to the docker group or run as root";
        }
        return null;
    }

    /** Accepts a bare socket path as a unix endpoint. */
    static String normalize(String endpoint) {
        String value = endpoint.strip();
        return value.startsWith("/") ? "unix://" + value : value;
    }

    static long currentUid() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
        } catch (Exception e) {
            return -1;
        }
    }
}
