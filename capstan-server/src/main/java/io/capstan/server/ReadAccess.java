package io.capstan.server;

/**
 * Which reads need a token: {@code /metrics} follows {@code --metrics-public} alone (a Prometheus that sends no token
 * can scrape it whatever {@code --auth-reads} says), every other read follows {@code --auth-reads}.
 */
final class ReadAccess {
    private ReadAccess() {
    }

    static boolean needsToken(String path, ServerOptions options) {
        return MetricsApi.PATH.equals(path) ? !options.metricsPublic() : options.authReads();
    }
}
