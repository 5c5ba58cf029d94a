package io.capstan.docker;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/** A unix socket that answers every HTTP request with 200 "OK", as an engine answers {@code /_ping}; counts them. */
final class FakeEngine implements AutoCloseable {
    private final Path socket;
    private final ServerSocketChannel channel;
    private final AtomicInteger pings = new AtomicInteger();
    private final Thread acceptor;

    FakeEngine(Path socket) throws IOException {
        this.socket = socket;
        channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        channel.bind(UnixDomainSocketAddress.of(socket));
        acceptor = Thread.ofVirtual().start(this::serve);
    }

    int pings() {
        return pings.get();
    }

    private void serve() {
        while (channel.isOpen()) {
            try (SocketChannel client = channel.accept()) {
                ByteBuffer request = ByteBuffer.allocate(8192);
                while (!new String(request.array(), 0, request.position(), StandardCharsets.ISO_8859_1).contains("\r\n\r\n")
                        && client.read(request) > 0) {
                    // reads until the request's headers end
                }
                pings.incrementAndGet();
                client.write(ByteBuffer.wrap(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n"
                        + "Connection: close\r\n\r\nOK").getBytes(StandardCharsets.ISO_8859_1)));
            } catch (IOException closed) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
        acceptor.interrupt();
        Files.deleteIfExists(socket);
    }
}
