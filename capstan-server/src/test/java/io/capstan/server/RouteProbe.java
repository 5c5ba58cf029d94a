package io.capstan.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Asks the running server whether it serves a method on a path, as a client finds out: by calling it. A route it
 * does not serve answers 405, or 404 with the router's own "no route" message (a served route may answer 404 too,
 * for a container or image that is not there, but says so in other words). Streamed answers (server-sent events)
 * are closed once the status is known.
 */
final class RouteProbe {
    /** A path parameter's value no test creates: a container, image, endpoint or file that is not there. */
    static final String NOTHING = "tests-probe-nothing";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final String token;

    record Reply(int status, String body) {
        boolean served() {
            return status != 405 && !(status == 404 && body.contains("no route "));
        }
    }

    RouteProbe(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    /** @param template an OpenAPI path; each {@code {parameter}} is filled with {@link #NOTHING} */
    Reply call(String method, String template) {
        String path = template.replaceAll("\\{[^}]+}", NOTHING);
        boolean withBody = method.equals("POST") || method.equals("PUT");
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .method(method, withBody ? HttpRequest.BodyPublishers.ofString("{}") : HttpRequest.BodyPublishers.noBody())
                .build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                boolean streamed = response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream");
                String text = streamed ? "" : new String(body.readNBytes(64 * 1024), StandardCharsets.UTF_8);
                return new Reply(response.statusCode(), text);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
