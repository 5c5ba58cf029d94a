package io.capstan.server;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The dashboard: a page and its script and style, served from the jar (no CDN, no build step). The files hold no
 * data, so they are served without a token; everything the page shows comes from the API with the token the user
 * signs in with, sent as a header.
 */
final class DashboardAssets {
    private static final String BASE = "/dashboard/";
    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "app.js", "text/javascript; charset=utf-8",
            "chart.js", "text/javascript; charset=utf-8",
            "pages.js", "text/javascript; charset=utf-8",
            "app.css", "text/css; charset=utf-8");
    private final Map<String, byte[]> content = new java.util.HashMap<>();

    DashboardAssets() {
        FILES.keySet().forEach(name -> content.put(name, load(name)));
    }

    /** Whether a path is one of the dashboard's files (served without a token). */
    static boolean serves(String path) {
        return "/".equals(path) || (path.startsWith(BASE) && FILES.containsKey(path.substring(BASE.length())));
    }

    List<Route> routes() {
        return List.of(
                new Route(HandlerType.GET, "/", "The dashboard (a web page; sign in with a token)",
                        ctx -> send(ctx, "index.html"), Map.of(), null, Map.of(200, "text/html")),
                new Route(HandlerType.GET, BASE + "{file}", "The dashboard's script and style",
                        ctx -> send(ctx, ctx.pathParam("file")), Map.of(), null,
                        Map.of(200, "text/javascript or text/css", 404, "no such file")));
    }

    private void send(Context ctx, String name) {
        byte[] body = content.get(name);
        if (body == null) {
            Responses.json(ctx, 404, ApiErrors.body(404, "no dashboard file '" + name + "'"));
            return;
        }
        ctx.header("Cache-Control", "no-cache");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
        ctx.contentType(FILES.get(name)).result(body);
    }

    private static byte[] load(String name) {
        try (InputStream in = DashboardAssets.class.getResourceAsStream("/dashboard/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the dashboard's " + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
