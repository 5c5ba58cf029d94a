package io.capstan.core.engine;

import io.capstan.core.model.ContainerInfo;
import io.capstan.core.model.ContainerSummary;
import io.capstan.core.model.LogLine;
import io.capstan.core.spec.ContainerSpec;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/** Containers on one engine. {@code ref} is a container id, an unambiguous id prefix, or a name. */
public interface ContainerOperations {

    /** Creates (does not start) the container and returns its id; {@link #inspect} says more about it. */
    String create(ContainerSpec spec);

    void start(String ref);

    /** Asks the process to stop, and kills it after {@code timeout}. Stopping a stopped container is no error. */
    void stop(String ref, Duration timeout);

    void restart(String ref, Duration timeout);

    /** Sends {@code signal} (such as {@code KILL} or {@code TERM}) to the container's main process. */
    void kill(String ref, String signal);

    /**
     * Removes the container. Without {@code force} a running container is a
     * {@link io.capstan.core.error.ConflictException}; {@code removeVolumes} also removes its anonymous volumes.
     */
    void remove(String ref, boolean force, boolean removeVolumes);

    List<ContainerSummary> list(ContainerFilter filter);

    ContainerInfo inspect(String ref);

    /** Sends the container's log lines to {@code sink}; with {@code follow} it keeps going until closed. */
    Subscription logs(String ref, LogOptions options, Consumer<LogLine> sink);

    /**
     * Runs a command inside the running container and waits for it to end; returns its exit code. Its output goes to
     * {@code stdout} and {@code stderr} as it comes (both to {@code stdout} with a terminal); {@code stdin}, when not
     * null, is its input until it ends. A container that is not running is a {@link io.capstan.core.error.ConflictException};
     * a command that cannot be started there, an {@link io.capstan.core.error.InvalidSpecException}.
     */
    int exec(String ref, ExecOptions options, InputStream stdin, OutputStream stdout, OutputStream stderr);

    /**
     * Connects to the streams of the container's main process, starts the container when it is not running (after
     * connecting, so none of its output is lost) and waits for it to exit; returns its exit code. Its output goes to
     * {@code stdout} and {@code stderr} as it comes (both to {@code stdout} when it has a terminal); {@code stdin}, when
     * not null, is its input until it ends (the container needs {@link io.capstan.core.spec.ContainerSettings.Process#stdinOpen()}).
     * With {@code terminal} (not null) a container with a terminal gets that size once started.
     */
    int attach(String ref, TerminalSize terminal, InputStream stdin, OutputStream stdout, OutputStream stderr);
}
