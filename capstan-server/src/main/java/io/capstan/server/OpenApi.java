package io.capstan.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The OpenAPI 3.1 document of the API, written from the same {@link Route}s the server serves. */
final class OpenApi {
    private OpenApi() {
    }

    static Map<String, Object> document(List<Route> routes, String version) {
        Map<String, Object> paths = new LinkedHashMap<>();
        for (Route route : routes) {
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(route.openApiPath(),
                    p -> new LinkedHashMap<String, Object>());
            item.put(route.method().name().toLowerCase(Locale.ROOT), operation(route));
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.1.0");
        doc.put("info", Map.of("title", "Capstan control plane", "version", version,
                "description", "Managed containers, their lifecycle events and health. State-changing requests need "
                        + "'Authorization: Bearer <token>' with an admin token. Image names holding '/' or ':' may be "
                        + "given URL-encoded in the path, or as the 'image' query parameter."));
        doc.put("paths", paths);
        doc.put("components", Map.of("securitySchemes", Map.of("bearer", Map.of("type", "http", "scheme", "bearer"))));
        return doc;
    }

    static final String TEXT = "text/plain: ";

    private static Map<String, Object> operation(Route route) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("summary", route.summary());
        List<Map<String, Object>> parameters = new ArrayList<>();
        for (String name : route.pathParameters()) {
            parameters.add(Map.of("name", name, "in", "path", "required", true, "schema", Map.of("type", "string")));
        }
        route.query().forEach((name, description) -> parameters.add(Map.of("name", name, "in", "query",
                "required", false, "description", description, "schema", Map.of("type", "string"))));
        if (!parameters.isEmpty()) {
            op.put("parameters", parameters);
        }
        if (route.body() != null) {
            op.put("requestBody", Map.of("description", route.body(), "content",
                    Map.of("application/json", Map.of("schema", Map.of("type", "object")))));
        }
        Map<String, Object> responses = new LinkedHashMap<>();
        // An answer described as "text/plain: ..." is text (a container's logs); every other one is JSON.
        route.responses().forEach((code, description) -> responses.put(String.valueOf(code), Map.of(
                "description", description, "content", Map.of(description.startsWith(TEXT) ? "text/plain"
                        : "application/json", Map.of("schema", Map.of())))));
        if (route.mutating()) {
            responses.putIfAbsent("401", Map.of("description", "no token, or not one of ours"));
            responses.putIfAbsent("403", Map.of("description", "a read-only token"));
            op.put("security", List.of(Map.of("bearer", List.of())));
        }
        responses.putIfAbsent("421", Map.of("description", "on a loopback address, a Host header other than localhost, "
                + "127.0.0.1, [::1] or the bound address (a page elsewhere reaching the server by DNS rebinding)"));
        op.put("responses", responses);
        return op;
    }
}
