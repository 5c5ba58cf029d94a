package io.capstan.server;

import io.capstan.core.error.ConfigException;

import java.util.Optional;

/**
 * Who can reach the API, decided before anything starts: on a non-loopback address reads need a token
 * ({@code --auth-reads}) unless they are opened on purpose ({@code --public-reads}), and the API is plain HTTP.
 */
public final class Exposure {
    private Exposure() {
    }

    /** Refuses, in one line naming the flag to add, a network address whose reads nobody chose to open. */
    public static void check(String bind, boolean authReads, boolean publicReads) {
        if (!ServerOptions.loopback(bind) && !authReads && !publicReads) {
            throw new ConfigException("--bind " + bind + " exposes the API to the network: add --auth-reads (every "
                    + "read needs a token) or --public-reads (anyone who can reach it reads it)");
        }
    }

    /** What to say at start on a network address: the API is plain HTTP. */
    public static Optional<String> warning(String bind) {
        return ServerOptions.loopback(bind) ? Optional.empty()
                : Optional.of("the API on " + bind + " is plain HTTP: tokens and answers cross the network "
                + "unencrypted (put a TLS proxy in front of it beyond a trusted network)");
    }
}
