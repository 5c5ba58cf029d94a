package io.capstan.server;

import io.javalin.http.HandlerType;

import java.util.Map;

/** {@code GET /session}: whether a token is one of ours and what it may do, for the dashboard's sign-in. */
final class SessionApi {
    private SessionApi() {
    }

    static Route route(Tokens tokens, boolean noAuth) {
        return new Route(HandlerType.GET, "/session", "Who the presented token is: {role: admin|read-only}; "
                + "always needs a token (any role) unless the server runs with --no-auth", ctx -> {
            if (noAuth) {
                Responses.json(ctx, 200, Map.of("ok", true, "role", "admin", "auth", false));
                return;
            }
            String header = ctx.header("Authorization");
            String token = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7) : null;
            var role = tokens.check(token);
            if (role.isEmpty()) {
                ctx.header("WWW-Authenticate", "Bearer");
                Responses.json(ctx, 401, ApiErrors.body(401, token == null ? "no token given" : "unknown token"));
            } else {
                Responses.json(ctx, 200, Map.of("ok", true, "role",
                        role.get() == Tokens.Role.ADMIN ? "admin" : "read-only", "auth", true));
            }
        }, Map.of(), null, Map.of(200, "{ok, role: admin|read-only}", 401, "no token, or not one of ours"));
    }
}
