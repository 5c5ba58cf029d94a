package io.capstan.server;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.javalin.router.InternalRouter;

/** The route a request matched, as registered ({@code /containers/{id}}), so that metrics never carry raw paths. */
final class RouteTemplate {
    static final String UNMATCHED = "unmatched";

    private RouteTemplate() {
    }

    /**
     * The template of the endpoint that served {@code ctx}; for a request answered before reaching it (a 401 from
     * the token check), the one the router would have chosen.
     */
    static String of(Context ctx, InternalRouter router) {
        try {
            Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
            if (endpoint == null) {
                var entry = router.findFirstHttpHandlerEntry(ctx.method(), ctx.path());
                endpoint = entry == null ? null : entry.endpoint;
            }
            if (endpoint == null || endpoint.path.isEmpty() || "*".equals(endpoint.path)) {
                return UNMATCHED;
            }
            return endpoint.path.replace('<', '{').replace('>', '}');
        } catch (RuntimeException none) {
            return UNMATCHED;
        }
    }
}
