package io.capstan.docker;

import io.capstan.core.error.ConfigException;
import io.capstan.core.error.EngineUnavailableException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds an engine that answers. An engine named by {@code --engine}, {@code CAPSTAN_ENGINE} or {@code DOCKER_HOST}
 * (in that order of precedence) is the only one tried, as the Docker CLI does: with a remote {@code DOCKER_HOST},
 * falling back to the local socket would act on the wrong machine. Without one, it tries the Docker socket, then the
 * Podman sockets (rootless, then rootful).
 */
public final class EngineLocator {
    public static final String DOCKER_SOCKET = "/var/run/docker.sock";
    public static final String PODMAN_ROOTFUL_SOCKET = "/run/podman/podman.sock";
    /** The environment variables that name an engine, in order of precedence (after {@code --engine}). */
    private static final List<String> NAMING_VARIABLES = List.of("CAPSTAN_ENGINE", "DOCKER_HOST");
    private static final String OPTION = "--engine";
    private static final String DOES_NOT_ANSWER = "does not answer";

    /** One place an engine may answer, and where that place came from (for messages). */
    public record Candidate(String source, String endpoint) {
        /** How messages name it: {@code DOCKER_HOST=tcp://host:2375}, {@code --engine unix:///x.sock}, {@code Docker socket unix://...}. */
        public String described() {
            return NAMING_VARIABLES.contains(source) ? source + "=" + endpoint : source + " " + endpoint;
        }

        /** What a user does instead of naming this engine. */
        String alternative() {
            return source.equals(OPTION) ? "name another with --engine" : "unset " + source + " to use the local one";
        }
    }

    private final Map<String, String> environment;
    private final List<Candidate> defaults;

    public EngineLocator(Map<String, String> environment, List<Candidate> defaults) {
        this.environment = Map.copyOf(environment);
        this.defaults = List.copyOf(defaults);
    }

    public static EngineLocator fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /** The usual defaults, with {@code env} in place of the process environment. */
    public static EngineLocator fromEnvironment(Map<String, String> env) {
        List<Candidate> defaults = new ArrayList<>();
        defaults.add(new Candidate("Docker socket", "unix://" + DOCKER_SOCKET));
        String runtimeDir = env.getOrDefault("XDG_RUNTIME_DIR", "/run/user/" + currentUid());
        defaults.add(new Candidate("Podman socket (rootless)", "unix://" + runtimeDir + "/podman/podman.sock"));
        defaults.add(new Candidate("Podman socket (rootful)", "unix://" + PODMAN_ROOTFUL_SOCKET));
        return new EngineLocator(env, defaults);
    }

    /** The engine the user named, given the {@code --engine} value (may be null), if any. */
    public Optional<Candidate> named(String option) {
        if (option != null && !option.isBlank()) {
            return Optional.of(new Candidate(OPTION, normalize(option)));
        }
        for (String variable : NAMING_VARIABLES) {
            String value = environment.get(variable);
            if (value != null && !value.isBlank()) {
                return Optional.of(new Candidate(variable, normalize(value)));
            }
        }
        return Optional.empty();
    }

    /** The places to try, in order: the named engine alone, else the defaults. */
    public List<Candidate> candidates(String option) {
        return named(option).map(List::of).orElse(defaults);
    }

    /** Connects to the named engine, or else to the first default that answers; or explains every place it tried. */
    public DockerEngine locate(String option) {
        return named(option).map(EngineLocator::connectNamed).orElseGet(this::connectFirstDefault);
    }

    private static DockerEngine connectNamed(Candidate candidate) {
        if (!candidate.endpoint().startsWith("unix://") && !candidate.endpoint().startsWith("tcp://")) {
            throw new ConfigException(candidate.described() + ": Capstan reaches an engine at unix:///PATH or "
                    + "tcp://HOST:PORT (for one over ssh, forward its socket: ssh -NL /tmp/engine.sock:"
                    + "/var/run/docker.sock HOST, then use unix:///tmp/engine.sock)");
        }
        Attempt attempt = attempt(candidate);
        if (attempt.engine() != null) {
            return attempt.engine();
        }
        throw new EngineUnavailableException(candidate.described() + ": no engine answers there"
                + (attempt.problem().equals(DOES_NOT_ANSWER) ? "" : " (" + attempt.problem() + ")")
                + "; Capstan tries only the engine " + candidate.source() + " names: start it, or "
                + candidate.alternative());
    }

    private DockerEngine connectFirstDefault() {
        List<String> tried = new ArrayList<>();
        for (Candidate candidate : defaults) {
            Attempt attempt = attempt(candidate);
            if (attempt.engine() != null) {
                return attempt.engine();
            }
            tried.add(candidate.described() + " (" + attempt.problem() + ")");
        }
        throw new EngineUnavailableException("no container engine answered; tried " + String.join(", ", tried)
                + ". Start one with 'capstan engine start' (needs the docker.io package), or point --engine, "
                + "CAPSTAN_ENGINE or DOCKER_HOST at a running engine");
    }

    /** A connected engine that answered, or why there is none. */
    private record Attempt(DockerEngine engine, String problem) {
    }

    private static Attempt attempt(Candidate candidate) {
        String problem = problemWith(candidate.endpoint());
        if (problem != null) {
            return new Attempt(null, problem);
        }
        DockerEngine engine = DockerEngine.connect(candidate.endpoint());
        if (engine.ping()) {
            return new Attempt(engine, null);
        }
        engine.close();
        return new Attempt(null, DOES_NOT_ANSWER);
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
