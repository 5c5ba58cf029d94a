package io.capstan.server;

import io.javalin.http.Context;

/** Writing JSON answers. */
final class Responses {
    private Responses() {
    }

    static void json(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json").result(ApiJson.bytes(body));
    }
}
