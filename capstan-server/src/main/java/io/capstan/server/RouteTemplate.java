package io.capstan.server;

import io.javalin.http.Context;

/** The route a request matched, as registered ({@code /containers/{id}}), so that metrics never carry raw paths. */
final class RouteTemplate {
    static final String UNMATCHED = "unmatched";

    private RouteTemplate() {
    }

    static String of(Context ctx) {
        try {
            var endpoint = ctx.endpoint();
            if (endpoint == null || endpoint.path.isEmpty() || "*".equals(endpoint.path)) {
                return UNMATCHED;
            }
            return endpoint.path.replace('<', '{').replace('>', '}');
        } catch (RuntimeException none) {
            return UNMATCHED;
        }
    }
}
