package io.capstan.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import io.capstan.core.engine.ExecOptions;
import io.capstan.core.error.ConflictException;
import io.capstan.core.error.EngineException;
import io.capstan.core.error.InvalidSpecException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/** {@code exec}: a command run inside a running container, its output streamed, its exit code read back. */
final class DockerExec {
    private final DockerClient client;
    private final DockerErrors errors;
    private final HijackedStream stream;

    /** {@code stream} null: through docker-java, which cannot end the command's input (engines reached over TLS). */
    DockerExec(DockerClient client, DockerErrors errors, HijackedStream stream) {
        this.client = client;
        this.errors = errors;
        this.stream = stream;
    }

    int run(String ref, ExecOptions options, InputStream stdin, OutputStream stdout, OutputStream stderr) {
        var running = errors.call("container", ref, () -> client.inspectContainerCmd(ref).exec());
        String name = running.getName() == null ? ref : running.getName().replaceFirst("^/", "");
        if (running.getState() == null || !Boolean.TRUE.equals(running.getState().getRunning())) {
            throw new ConflictException("container '" + name + "' is not running: start it first", null);
        }
        var create = client.execCreateCmd(running.getId()).withCmd(options.command().toArray(String[]::new))
                .withAttachStdout(true).withAttachStderr(true).withAttachStdin(stdin != null).withTty(options.tty())
                .withEnv(options.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
        if (options.user() != null) {
            create.withUser(options.user());
        }
        if (options.workingDir() != null) {
            create.withWorkingDir(options.workingDir());
        }
        if (options.privileged()) {
            create.withPrivileged(true);
        }
        String execId = errors.call("container", name, () -> create.exec().getId());
        if (stream != null) {
            try {
                stream.exec(execId, options.tty(), stdin, stdout, stderr);
            } catch (IOException e) {
                throw errors.unavailable(e);
            }
        } else {
            throughDockerJava(name, execId, options.tty(), stdin, stdout, stderr);
        }
        var ended = errors.call("container", name, () -> client.inspectExecCmd(execId).exec());
        Long code = ended.getExitCodeLong();
        if (code == null) {
            throw new EngineException("container '" + name + "': the engine did not report how the command ended");
        }
        // The engine answers 126 (not executable) or 127 (not found) when the command could not be started at all.
        if ((code == 126 || code == 127) && ended.getPid() != null && ended.getPid() == 0) {
            throw new InvalidSpecException("container '" + name + "': cannot run '" + options.command().getFirst()
                    + "' there (" + (code == 127 ? "not found" : "not executable") + ")");
        }
        return code.intValue();
    }

    private void throughDockerJava(String name, String execId, boolean tty, InputStream stdin, OutputStream stdout,
                                   OutputStream stderr) {
        var output = new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame frame) {
                OutputStream target = frame.getStreamType() == StreamType.STDERR ? stderr : stdout;
                try {
                    target.write(frame.getPayload());
                    target.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        var start = client.execStartCmd(execId).withDetach(false).withTty(tty);
        if (stdin != null) {
            start.withStdIn(stdin);
        }
        errors.run("container", name, () -> {
            try {
                start.exec(output).awaitCompletion();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EngineException("interrupted while running a command in container '" + name + "'", e);
            }
        });
    }
}
