package io.capstan.server;

import java.nio.file.Path;

/**
 * How the API server listens.
 *
 * @param bind      address to listen on; {@code 127.0.0.1} unless told otherwise
 * @param port      TCP port, 0 for any free one
 * @param tokenDir  where the admin token and read-only token hashes live
 * @param authReads whether reads need a token too (state-changing requests always do)
 */
public record ServerOptions(String bind, int port, Path tokenDir, boolean authReads) {
    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final int DEFAULT_PORT = 8000;
}
