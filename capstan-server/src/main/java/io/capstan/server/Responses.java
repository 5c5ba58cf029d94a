package io.capstan.server;

import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;

/** Writing JSON answers. */
final class Responses {
    private Responses() {
    }

    static void json(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json").result(ApiJson.bytes(body));
    }

    /** A record as a JSON object with {@code "ok": true} first. */
    static Map<String, Object> ok(Object record) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ok", true);
        body.putAll(ApiJson.MAPPER.convertValue(record, ApiJson.MAP_TYPE));
        return body;
    }
}
