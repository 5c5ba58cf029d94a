package io.capstan.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import io.capstan.core.engine.TerminalSize;
import io.capstan.core.error.EngineException;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code attach}: a container's main process with its streams connected, started after connecting (as
 * {@code docker run} does, so no output is lost), its exit code read back.
 */
final class DockerAttach {
    private final DockerClient client;
    private final DockerErrors errors;
    private final HijackedStream stream;

    /** {@code stream} null: through docker-java, which cannot end the process's input (engines reached over TLS). */
    DockerAttach(DockerClient client, DockerErrors errors, HijackedStream stream) {
        this.client = client;
        this.errors = errors;
        this.stream = stream;
    }

    int run(String ref, TerminalSize terminal, InputStream stdin, OutputStream stdout, OutputStream stderr) {
        InspectContainerResponse container = errors.call("container", ref, () -> client.inspectContainerCmd(ref).exec());
        String id = container.getId();
        String name = container.getName() == null ? ref : container.getName().replaceFirst("^/", "");
        boolean tty = Boolean.TRUE.equals(container.getConfig().getTty());
        boolean running = container.getState() != null && Boolean.TRUE.equals(container.getState().getRunning());
        Runnable attached = () -> {
            if (!running) {
                errors.run("container", name, () -> client.startContainerCmd(id).exec());
            }
            if (tty && terminal != null) {
                resize(id, terminal);
            }
        };
        if (stream != null) {
            try {
                stream.attach(id, tty, stdin, stdout, stderr, attached);
            } catch (IOException e) {
                throw errors.unavailable(e);
            }
        } else {
            throughDockerJava(id, name, stdin, stdout, stderr, attached);
        }
        return errors.call("container", name, () -> client.waitContainerCmd(id).start().awaitStatusCode());
    }

    /** A container that already ended has no terminal to resize: nothing to do then, as with docker run. */
    private void resize(String id, TerminalSize terminal) {
        try {
            client.resizeContainerCmd(id).withSize(terminal.rows(), terminal.columns()).exec();
        } catch (ConflictException | NotFoundException ended) {
            // it exited (and perhaps was removed) before it could be resized
        }
    }

    private void throughDockerJava(String id, String name, InputStream stdin, OutputStream stdout, OutputStream stderr,
                                   Runnable attached) {
        CountDownLatch connected = new CountDownLatch(1);
        AtomicBoolean started = new AtomicBoolean();
        var output = new ResultCallback.Adapter<Frame>() {
            @Override
            public void onStart(Closeable stream) {
                super.onStart(stream);
                started.set(true);
                connected.countDown();
            }

            /** Without a start (a refused connection), connected must still count down or the attach waits forever. */
            @Override
            public void onError(Throwable throwable) {
                super.onError(throwable);
                connected.countDown();
            }

            @Override
            public void onComplete() {
                super.onComplete();
                connected.countDown();
            }

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
        var attach = client.attachContainerCmd(id).withFollowStream(true).withStdOut(true).withStdErr(true);
        if (stdin != null) {
            attach.withStdIn(stdin);
        }
        errors.run("container", name, () -> {
            try {
                attach.exec(output);
                connected.await();
                if (!started.get()) {
                    output.awaitCompletion(); // rethrows why the connection failed; nothing was started
                    throw new EngineException("could not attach to container '" + name + "'");
                }
                attached.run();
                output.awaitCompletion();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EngineException("interrupted while attached to container '" + name + "'", e);
            } finally {
                closeQuietly(output);
            }
        });
    }

    private static void closeQuietly(Closeable callback) {
        try {
            callback.close();
        } catch (IOException e) {
            // the connection is done with either way
        }
    }
}
