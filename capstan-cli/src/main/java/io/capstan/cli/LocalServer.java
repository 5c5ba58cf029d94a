package io.capstan.cli;

import io.capstan.core.files.OwnerOnly;
import io.capstan.server.ServerOptions;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * The server of this host's data directory, so that its admin token is sent to it and to nothing else: the server
 * writes down the port it listens on ({@code server.port}), and a client sends the token only to that port on a
 * loopback address. Without a record (a server started by an older Capstan), the default port counts.
 */
final class LocalServer {
    static final String PORT_FILE = "server.port";
    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    private LocalServer() {
    }

    /**
     * Written by the server once it listens. A failure is not the server's: without the record, clients send the
     * admin token to the default port only.
     */
    static void record(Path data, URI url) {
        try {
            OwnerOnly.write(data.resolve(PORT_FILE), url.getPort() + "\n");
        } catch (IOException e) {
            // see above
        }
    }

    /** Whether {@code base} is this host's server, the one whose admin token is in {@code data}. */
    static boolean isLocal(Path data, URI base) {
        if (!"http".equalsIgnoreCase(base.getScheme()) || !loopbackHost(base.getHost())) {
            return false;
        }
        int port = base.getPort() == -1 ? 80 : base.getPort();
        return port == recordedPort(data).orElse(ServerOptions.DEFAULT_PORT);
    }

    /** The port the server of {@code data} recorded at or after {@code since}: a record from before is another run's. */
    static OptionalInt recordedSince(Path data, FileTime since) {
        try {
            if (Files.getLastModifiedTime(data.resolve(PORT_FILE)).compareTo(since) < 0) {
                return OptionalInt.empty();
            }
        } catch (IOException e) {
            return OptionalInt.empty();
        }
        return recordedPort(data);
    }

    private static OptionalInt recordedPort(Path data) {
        try {
            return OptionalInt.of(Integer.parseInt(Files.readString(data.resolve(PORT_FILE)).strip()));
        } catch (IOException | NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** Only a literal loopback name or address: a name that merely resolves to one could be pointed anywhere later. */
    private static boolean loopbackHost(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT).replace("[", "").replace("]", "");
        return h.equals("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1") || IPV4_LOOPBACK.matcher(h).matches();
    }
}
