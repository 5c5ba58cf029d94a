package io.capstan.server;

import io.capstan.control.managed.InvalidRequestException;
import io.capstan.core.error.CapstanException;
import io.capstan.core.error.ConfigException;
import io.capstan.core.error.ConflictException;
import io.capstan.core.error.EngineException;
import io.capstan.core.error.EngineUnavailableException;
import io.capstan.core.error.InvalidSpecException;
import io.capstan.core.error.NotFoundException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How failures answer: a status and {@code {"detail": <sentence>, "ok": false, "error": <kind>, "message": ...}} —
 * {@code detail} as the reference's clients read it (FastAPI's), the rest as Capstan's do. A request field that cannot
 * be used is 422 with FastAPI's {@code "detail": [{"loc", "msg", "type"}]}.
 */
final class ApiErrors {
    static final int UNPROCESSABLE = 422;

    private ApiErrors() {
    }

    static int status(CapstanException e) {
        return switch (e) {
            case NotFoundException n -> 404;
            case ConflictException c -> 409;
            case InvalidSpecException i -> 400;
            case ConfigException c -> 400;
            case EngineUnavailableException u -> 503;
            case EngineException x -> 500;
        };
    }

    static String kind(int status) {
        return switch (status) {
            case 400, 413, UNPROCESSABLE -> "invalid";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 421 -> "misdirected";
            case 404 -> "not-found";
            case 409 -> "conflict";
            case 503 -> "engine-unavailable";
            default -> "engine-error";
        };
    }

    static Map<String, Object> body(int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("detail", message);
        body.put("ok", false);
        body.put("error", kind(status));
        body.put("message", message);
        return body;
    }

    /** A failure the server did not expect: that it failed, and the id its log gives the details under. */
    static Map<String, Object> internal(String requestId) {
        Map<String, Object> body = body(500, "internal error: the request failed; the server's log has the details "
                + "under request id " + requestId);
        body.put("request_id", requestId);
        return body;
    }

    /** A short random id tying an answer to the server's log. */
    static String requestId() {
        return java.util.UUID.randomUUID().toString().substring(0, 13);
    }

    static Map<String, Object> notFound(String id, String message) {
        Map<String, Object> body = body(404, message);
        body.put("id", id);
        return body;
    }

    static Map<String, Object> invalid(InvalidRequestException e) {
        Map<String, Object> body = body(UNPROCESSABLE, e.getMessage());
        List<Object> loc = new ArrayList<>();
        loc.add(e.in());
        if (!(e.in().equals("body") && e.field().equals("body"))) {
            String field = e.field().startsWith("body.") ? e.field().substring(5) : e.field();
            for (String part : field.split("\\.")) {
                loc.add(part.matches("\\d+") ? (Object) Integer.parseInt(part) : part);
            }
        }
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("loc", loc);
        problem.put("msg", e.reason());
        problem.put("type", e.type());
        body.put("detail", List.of(problem));
        body.put("field", e.field());
        return body;
    }
}
