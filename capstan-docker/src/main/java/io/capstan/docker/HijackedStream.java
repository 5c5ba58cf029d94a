package io.capstan.docker;

import io.capstan.core.error.EngineException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * One request whose connection the engine takes over for a process's streams ({@code exec} start, container attach),
 * on its own connection, its streams pumped until the engine closes it. docker-java cannot end a process's input (it
 * never half-closes a Unix socket), so a process that reads to the end of its input would wait forever; here the end
 * of {@code stdin} shuts down the sending side, as the Docker CLI does, and the engine closes the process's input. Without a terminal the engine multiplexes the output in frames of an 8-byte header (stream,
 * three zero bytes, big-endian length) and the payload; with one it is a raw stream.
 */
final class HijackedStream {
    private final SocketAddress address;

    private HijackedStream(SocketAddress address) {
        this.address = address;
    }

    /** For engines reached without TLS ({@code unix://} or {@code tcp://}); null for any other endpoint. */
    static HijackedStream forEndpoint(String endpoint, boolean tls) {
        URI uri = URI.create(endpoint);
        if ("unix".equals(uri.getScheme())) {
            return new HijackedStream(UnixDomainSocketAddress.of(uri.getPath()));
        }
        if ("tcp".equals(uri.getScheme()) && !tls && uri.getHost() != null) {
            return new HijackedStream(new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 2375 : uri.getPort()));
        }
        return null;
    }

    /** Starts the exec {@code execId} and streams it to its end; throws {@link IOException} when the connection fails. */
    void exec(String execId, boolean tty, InputStream stdin, OutputStream stdout, OutputStream stderr) throws IOException {
        run("/exec/" + execId + "/start", "{\"Detach\":false,\"Tty\":" + tty + "}", tty, stdin, stdout, stderr, () -> {
        });
    }

    /**
     * Attaches to container {@code id}, runs {@code attached} once the engine has taken the connection over (to start
     * the container without losing its first output), and streams until the container's output ends.
     */
    void attach(String id, boolean tty, InputStream stdin, OutputStream stdout, OutputStream stderr, Runnable attached)
            throws IOException {
        run("/containers/" + id + "/attach?stream=1&stdin=" + (stdin == null ? 0 : 1) + "&stdout=1&stderr=1", "",
                tty, stdin, stdout, stderr, attached);
    }

    private void run(String path, String body, boolean tty, InputStream stdin, OutputStream stdout, OutputStream stderr,
                     Runnable attached) throws IOException {
        try (SocketChannel channel = SocketChannel.open(address)) {
            String request = "POST " + path + " HTTP/1.1\r\nHost: docker\r\n"
                    + "Content-Type: application/json\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n"
                    + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
            writeFully(channel, ByteBuffer.wrap(request.getBytes(StandardCharsets.UTF_8)));
            ByteBuffer in = ByteBuffer.allocate(32 * 1024);
            readStatus(channel, in);
            attached.run();
            Thread pump = stdin == null ? null : Thread.ofVirtual().start(() -> pumpInput(stdin, channel));
            try {
                if (tty) {
                    copyRaw(channel, in, stdout);
                } else {
                    demultiplex(channel, in, stdout, stderr);
                }
            } finally {
                if (pump != null) {
                    pump.interrupt();
                }
            }
        }
    }

    /** Reads the response head; leaves what follows it in {@code in} (flipped, ready to read). */
    private static void readStatus(SocketChannel channel, ByteBuffer in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (true) {
            if (channel.read(in) < 0) {
                throw new IOException("the engine closed the connection before answering");
            }
            in.flip();
            while (in.hasRemaining()) {
                head.write(in.get());
                String text = head.toString(StandardCharsets.ISO_8859_1);
                if (text.endsWith("\r\n\r\n")) {
                    String status = text.substring(0, text.indexOf("\r\n"));
                    if (!status.matches("HTTP/1\\.[01] (101|200)\\b.*")) {
                        throw new EngineException("the engine refused to connect to the process: " + status);
                    }
                    return; // the rest of 'in' is the stream
                }
            }
            in.clear();
        }
    }

    private static void demultiplex(SocketChannel channel, ByteBuffer in, OutputStream stdout, OutputStream stderr)
            throws IOException {
        ByteBuffer header = ByteBuffer.allocate(8);
        while (true) {
            if (!fill(channel, in, header)) {
                return;
            }
            header.flip();
            byte stream = header.get(0);
            int length = header.getInt(4);
            header.clear();
            ByteBuffer payload = ByteBuffer.allocate(length);
            if (!fill(channel, in, payload)) {
                throw new IOException("the engine ended the stream in the middle of a frame");
            }
            OutputStream target = stream == 2 ? stderr : stdout;
            target.write(payload.array(), 0, length);
            target.flush();
        }
    }

    private static void copyRaw(SocketChannel channel, ByteBuffer in, OutputStream stdout) throws IOException {
        while (true) {
            if (in.hasRemaining()) {
                stdout.write(in.array(), in.position(), in.remaining());
                stdout.flush();
            }
            in.clear();
            if (channel.read(in) < 0) {
                return;
            }
            in.flip();
        }
    }

    /** Fills {@code target} from what is buffered, then from the channel; false at a clean end before any byte. */
    private static boolean fill(SocketChannel channel, ByteBuffer in, ByteBuffer target) throws IOException {
        boolean any = false;
        while (target.hasRemaining()) {
            if (!in.hasRemaining()) {
                in.clear();
                int read = channel.read(in);
                in.flip();
                if (read < 0) {
                    if (any) {
                        throw new IOException("the engine ended the stream in the middle of a frame");
                    }
                    return false;
                }
                continue;
            }
            int n = Math.min(in.remaining(), target.remaining());
            target.put(target.position(), in, in.position(), n);
            target.position(target.position() + n);
            in.position(in.position() + n);
            any = true;
        }
        return true;
    }

    private static void pumpInput(InputStream stdin, SocketChannel channel) {
        byte[] buffer = new byte[8192];
        try {
            int read;
            while ((read = stdin.read(buffer)) >= 0) {
                writeFully(channel, ByteBuffer.wrap(buffer, 0, read));
            }
            channel.shutdownOutput();
        } catch (IOException ended) {
            // the command ended or the connection closed: nothing more to send
        }
    }

    private static void writeFully(SocketChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }
}
