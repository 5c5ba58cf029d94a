package io.capstan.docker;

import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import io.capstan.core.error.CapstanException;
import io.capstan.core.error.ConflictException;
import io.capstan.core.error.EngineException;
import io.capstan.core.error.EngineUnavailableException;
import io.capstan.core.error.InvalidSpecException;
import io.capstan.core.error.NotFoundException;

import java.io.IOException;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what docker-java throws into Capstan's errors, each with a message a person can act on. Every call into
 * docker-java goes through {@link #call}.
 */
final class DockerErrors {
    private static final Pattern JSON_MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern PORT_IN_MESSAGE = Pattern.compile("(?:Bind for |listen \\w+ )\\[?[0-9a-fA-F.:]*?]?:(\\d+)");

    private final String endpoint;

    DockerErrors(String endpoint) {
        this.endpoint = endpoint;
    }

    /** Runs {@code action}; {@code kind} and {@code ref} name what it acts on, for the messages. */
    <T> T call(String kind, String ref, Supplier<T> action) {
        try {
            return action.get();
        } catch (CapstanException e) {
            throw e;
        } catch (DockerException e) {
            throw translate(kind, ref, e.getHttpStatus(), engineMessage(e), e);
        } catch (RuntimeException e) {
            if (hasIoCause(e)) {
                throw unavailable(e);
            }
            // docker-java's own failures (a closed client: "Connection pool shut down") are the engine call's too
            throw new EngineException(kind + " '" + ref + "': " + oneLine(String.valueOf(e.getMessage())), e);
        }
    }

    void run(String kind, String ref, Runnable action) {
        call(kind, ref, () -> {
            action.run();
            return null;
        });
    }

    EngineUnavailableException unavailable(Throwable cause) {
        // 'capstan engine start' starts only a local engine: an engine elsewhere is for its own machine to start
        String advice = endpoint.startsWith("unix://") ? "start it with 'capstan engine start'"
                : "check that it runs there and that this machine reaches it";
        return new EngineUnavailableException("the container engine at " + endpoint + " does not answer ("
                + rootMessage(cause) + "): " + advice, cause);
    }

    CapstanException translate(String kind, String ref, int status, String message, Throwable cause) {
        String lower = message.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("port is already allocated") || lower.contains("address already in use")) {
            Matcher port = PORT_IN_MESSAGE.matcher(message);
            String which = port.find() ? "host port " + port.group(1) : "a published host port";
            return new ConflictException(kind + " '" + ref + "': " + which
                    + " is already in use: publish on another port or stop what uses it", cause);
        }
        if ((status == 404 && lower.contains("no such image")) || lower.contains("pull access denied")
                || lower.contains("repository does not exist")) {
            String image = "image".equals(kind) ? ref : imageIn(message);
            return new NotFoundException("image", image, "image '" + image
                    + "' not found: build it, import it or pull it first (capstan images build|import|pull)", cause);
        }
        // Engines differ in the status they give these (Docker 20.10 answers 403 for a network in use), so the
        // engine's sentence decides.
        ConflictException known = knownConflict(kind, ref, lower, cause);
        if (known != null) {
            return known;
        }
        return switch (status) {
            case 404 -> new NotFoundException(kind, ref, kind + " '" + ref + "' not found", cause);
            case 409 -> new ConflictException(kind + " '" + ref + "': " + message, cause);
            case 400 -> new InvalidSpecException(kind + " '" + ref + "': the engine refused it: " + message, cause);
            default -> new EngineException(kind + " '" + ref + "': " + message, cause);
        };
    }

    private static ConflictException knownConflict(String kind, String ref, String lower, Throwable cause) {
        if (lower.contains("is already in use by") || lower.contains("name conflicts with an existing object")) {
            return new ConflictException(kind + " name '" + ref
                    + "' is already in use: choose another name or remove the existing " + kind, cause);
        }
        if (lower.contains("cannot remove a running container") || lower.contains("stop the container before")) {
            return new ConflictException(kind + " '" + ref + "' is running: stop it first or remove it with --force", cause);
        }
        if (lower.contains("active endpoints")) {
            return new ConflictException(kind + " '" + ref
                    + "' still has running containers attached: stop or disconnect them first", cause);
        }
        if (lower.contains("volume is in use")) {
            return new ConflictException(kind + " '" + ref + "' is used by a container: remove the container first", cause);
        }
        if (lower.contains("image is being used") || lower.contains("image is referenced")
                || lower.contains("must be forced") || lower.contains("(must force)")) {
            return new ConflictException(kind + " '" + ref + "' is used by a container or has several names: "
                    + "remove the container first or use --force", cause);
        }
        return null;
    }

    /** The engine's own sentence out of docker-java's "Status 409: {"message":"..."}". */
    static String engineMessage(DockerException e) {
        String raw = e.getMessage() == null ? "" : e.getMessage();
        Matcher m = JSON_MESSAGE.matcher(raw);
        String message = m.find() ? m.group(1).replace("\\\"", "\"").replace("\\n", " ") : raw.replaceFirst("^Status \\d+: ", "");
        return oneLine(message);
    }

    private static String imageIn(String message) {
        Matcher m = Pattern.compile("(?:No such image|repository does not exist[^:]*|pull access denied for)[: ]+([^\\s,]+)",
                Pattern.CASE_INSENSITIVE).matcher(message);
        return m.find() ? m.group(1) : message;
    }

    static boolean hasIoCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : oneLine(t.getMessage());
    }

    static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
