package io.capstan.server;

import io.javalin.http.Context;

/**
 * Who sent a request, as far as its token says: an admin sees every value; a read-only token and an anonymous read
 * see the values of secret variables masked.
 */
final class Caller {
    private static final String ADMIN = "capstan.caller.admin";

    private Caller() {
    }

    static void admin(Context ctx, boolean admin) {
        ctx.attribute(ADMIN, admin);
    }

    static boolean isAdmin(Context ctx) {
        return Boolean.TRUE.equals(ctx.attribute(ADMIN));
    }
}
