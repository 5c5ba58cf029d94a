package io.capstan.server;

import io.javalin.http.Context;

/** Writing JSON answers: secret env values masked unless an admin asked. */
final class Responses {
    private Responses() {
    }

    static void json(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json").result(ApiJson.bytes(Caller.isAdmin(ctx) ? body : SecretEnv.masked(body)));
    }
}
