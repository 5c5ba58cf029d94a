package io.capstan.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * GETs a route and returns its body as text, whatever it is; a stream that never ends (server-sent events) is read
 * for a few seconds, then dropped.
 */
final class RawReads {
    private static final Duration STREAM_WINDOW = Duration.ofSeconds(3);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Read(int status, String body) {
    }

    Read get(URI uri, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(1)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        boolean stream = response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = response.body()) {
            CompletableFuture<Void> reading = CompletableFuture.runAsync(() -> copy(in, out));
            try {
                reading.get(stream ? STREAM_WINDOW.toMillis() : TimeUnit.MINUTES.toMillis(1), TimeUnit.MILLISECONDS);
            } catch (TimeoutException endless) {
                // a stream: what it sent in the window is what is checked
            }
        }
        synchronized (out) {
            return new Read(response.statusCode(), out.toString(StandardCharsets.UTF_8));
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                synchronized (out) {
                    out.write(buffer, 0, n);
                }
            }
        } catch (IOException closed) {
            // the window ended
        }
    }
}
