package io.capstan.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * One event-stream client of the dashboard benchmark: its own socket, read by a blocking read on its caller's thread,
 * as a browser's stream is read in a process of its own. (A shared HTTP client passes every stream through one
 * selector thread, and its queueing would count as the server's delivery time.) {@link #close} from another thread
 * ends a blocked {@link #readLine}.
 */
final class EventStreamClient implements AutoCloseable {
    private final Socket socket;
    private final BufferedReader lines;

    EventStreamClient(URI url, String pathAndQuery, String token) throws IOException {
        socket = new Socket(url.getHost(), url.getPort());
        socket.setTcpNoDelay(true);
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                + "\r\nAuthorization: Bearer " + token + "\r\nAccept: text/event-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = new java.io.BufferedInputStream(socket.getInputStream());
        String status = header(in);
        if (!status.startsWith("HTTP/1.1 200")) {
            throw new IOException("the event stream answered " + status);
        }
        boolean chunked = false;
        for (String h = header(in); !h.isEmpty(); h = header(in)) {
            chunked |= h.toLowerCase(java.util.Locale.ROOT).matches("transfer-encoding:\\s*chunked");
        }
        lines = new BufferedReader(new InputStreamReader(chunked ? new Chunks(in) : in, StandardCharsets.UTF_8));
    }

    /** The next line of the stream, or null at its end. */
    String readLine() throws IOException {
        return lines.readLine();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private static String header(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("the event stream ended in its headers");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    /** A chunked body's data, passed on as soon as each chunk arrives. */
    private static final class Chunks extends InputStream {
        private final InputStream in;
        private long left;
        private boolean started;
        private boolean ended;

        Chunks(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (ended) {
                return -1;
            }
            if (left == 0) {
                if (started) {
                    header(in); // the CRLF after the previous chunk's data
                }
                started = true;
                String size = header(in);
                int extension = size.indexOf(';');
                left = Long.parseLong((extension < 0 ? size : size.substring(0, extension)).strip(), 16);
                if (left == 0) {
                    ended = true;
                    return -1;
                }
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new IOException("the event stream ended inside a chunk");
            }
            left -= n;
            return n;
        }
    }
}
