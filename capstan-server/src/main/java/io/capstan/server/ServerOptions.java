package io.capstan.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How the API server listens.
 *
 * @param bind      address to listen on; {@code 127.0.0.1} unless told otherwise
 * @param port      TCP port, 0 for any free one
 * @param tokenDir  where the admin token and read-only token hashes live
 * @param authReads whether reads need a token too (state-changing requests always do, unless {@code noAuth})
 * @param noAuth    no token asked for at all, for clients that cannot send one: only on a loopback address
 * @param metricsPublic {@code /metrics} readable without a token (it needs a read-only one otherwise)
 * @param idleTimeout how long a connection may send nothing before the server closes it (a client that trickles a
 *                    request, or sends half of one and waits, holds a connection no longer than this)
 * @param publicReads reads without a token on a non-loopback address, chosen knowingly ({@link Exposure})
 */
public record ServerOptions(String bind, int port, Path tokenDir, boolean authReads, boolean noAuth,
                            boolean metricsPublic, Duration idleTimeout, boolean publicReads) {
    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final int DEFAULT_PORT = 8000;
    /** What the server says at every start without tokens. */
    public static final String NO_AUTH_WARNING = "--no-auth: no token is asked for; anyone on this host can change "
            + "state (create, stop and remove containers)";

    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    /** The largest request body the server reads; larger ones are answered 413. */
    public static final long MAX_BODY_BYTES = 1L << 20;

    public ServerOptions(String bind, int port, Path tokenDir, boolean authReads, boolean noAuth,
                         boolean metricsPublic) {
        this(bind, port, tokenDir, authReads, noAuth, metricsPublic, DEFAULT_IDLE_TIMEOUT, false);
    }

    public ServerOptions(String bind, int port, Path tokenDir, boolean authReads) {
        this(bind, port, tokenDir, authReads, false);
    }

    public ServerOptions(String bind, int port, Path tokenDir, boolean authReads, boolean noAuth) {
        this(bind, port, tokenDir, authReads, noAuth, false);
    }

    /** These options with {@code /metrics} readable without a token. */
    public ServerOptions withMetricsPublic(boolean open) {
        return new ServerOptions(bind, port, tokenDir, authReads, noAuth, open, idleTimeout, publicReads);
    }

    /** These options with another idle timeout. */
    public ServerOptions withIdleTimeout(Duration timeout) {
        return new ServerOptions(bind, port, tokenDir, authReads, noAuth, metricsPublic, timeout, publicReads);
    }

    /** These options with reads open to the network on purpose ({@code --public-reads}). */
    public ServerOptions withPublicReads(boolean open) {
        return new ServerOptions(bind, port, tokenDir, authReads, noAuth, metricsPublic, idleTimeout, open);
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
