package io.capstan.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;

/**
 * How the API server listens.
 *
 * @param bind      address to listen on; {@code 127.0.0.1} unless told otherwise
 * @param port      TCP port, 0 for any free one
 * @param tokenDir  where the admin token and read-only token hashes live
 * @param authReads whether reads need a token too (state-changing requests always do, unless {@code noAuth})
 * @param noAuth    no token asked for at all, for clients that cannot send one: only on a loopback address
 * @param metricsPublic {@code /metrics} readable without a token (it needs a read-only one otherwise)
 */
public record ServerOptions(String bind, int port, Path tokenDir, boolean authReads, boolean noAuth,
                            boolean metricsPublic) {
    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final int DEFAULT_PORT = 8000;
    /** What the server says at every start without tokens. */
    public static final String NO_AUTH_WARNING = "--no-auth: no token is asked for; anyone on this host can change "
            + "state (create, stop and remove containers)";

    public ServerOptions(String bind, int port, Path tokenDir, boolean authReads) {
        this(bind, port, tokenDir, authReads, false);
    }

    public ServerOptions(String bind, int port, Path tokenDir, boolean authReads, boolean noAuth) {
        this(bind, port, tokenDir, authReads, noAuth, false);
    }

    /** These options with {@code /metrics} readable without a token. */
    public ServerOptions withMetricsPublic(boolean open) {
        return new ServerOptions(bind, port, tokenDir, authReads, noAuth, open);
    }

    /** Whether {@code bind} is a loopback address ({@code 127.0.0.0/8}, {@code ::1}, {@code localhost}). */
    public static boolean loopback(String bind) {
        try {
            InetAddress[] all = InetAddress.getAllByName(bind);
            for (InetAddress a : all) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return all.length > 0;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
