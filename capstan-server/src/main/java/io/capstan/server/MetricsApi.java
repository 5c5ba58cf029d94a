package io.capstan.server;

import io.capstan.server.observe.ControlPlaneMetrics;
import io.javalin.http.HandlerType;

import java.util.Map;

/** {@code GET /metrics}: the control plane's figures for Prometheus. */
final class MetricsApi {
    static final String PATH = "/metrics";

    private MetricsApi() {
    }

    static Route route(ControlPlaneMetrics metrics) {
        return new Route(HandlerType.GET, PATH, "Prometheus metrics: replicas by image, container CPU and memory, "
                + "restarts, reconcile and health-cycle durations, event queue depth, API requests by route and status. "
                + "Needs a token (read-only is enough) unless the server runs with --metrics-public",
                ctx -> ctx.contentType(ControlPlaneMetrics.CONTENT_TYPE).result(metrics.scrape()), Map.of(), null,
                Map.of(200, "Prometheus text format 0.0.4", 401, "no token, or not one of ours"));
    }
}
