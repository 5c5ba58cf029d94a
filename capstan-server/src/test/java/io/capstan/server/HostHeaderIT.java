package io.capstan.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A server on a loopback address answers only requests that name it in {@code Host}: a page on another site whose
 * name was re-pointed at 127.0.0.1 (DNS rebinding) sends its own name and is refused.
 */
class HostHeaderIT {
    @TempDir
    Path dir;

    @Test
    void onLoopbackOnlyTheLoopbackNamesAreAnswered() throws Exception {
        try (ObservedPlane p = new ObservedPlane(dir, "srv20-host", false)) {
            int port = p.server().port();
            for (String host : new String[]{"localhost", "localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port,
                    "LOCALHOST:1"}) {
                assertThat(status(port, host, "/desired")).as(host).isEqualTo(200);
            }
            for (String host : new String[]{"evil.example", "evil.example:" + port, "127.0.0.1.nip.io:" + port,
                    "localhost.evil.example", "10.0.0.1:" + port}) {
                String answer = get(port, host, "/desired");
                assertThat(answer).as(host).startsWith("HTTP/1.1 421");
                String body = answer.substring(answer.indexOf("\r\n\r\n") + 4);
                assertThat(new ObjectMapper().readTree(body).path("detail").asText()).contains(host, "DNS rebinding");
                assertThat(status(port, host, "/")).as("the dashboard too, by %s", host).isEqualTo(421);
            }
        }
    }

    @Test
    void theOpenApiDocumentListsTheMisdirectedAnswerOnEveryOperation() throws Exception {
        try (ObservedPlane p = new ObservedPlane(dir, "fix20-host", false)) {
            var paths = p.api().call("GET", "/openapi.json", null, null).json().path("paths");
            assertThat(paths.size()).isGreaterThan(10);
            paths.properties().forEach(path -> path.getValue().properties().forEach(operation ->
                    assertThat(operation.getValue().path("responses").path("421").path("description").asText())
                            .as("%s %s", operation.getKey(), path.getKey()).contains("Host header", "DNS rebinding")));
        }
    }

    private static int status(int port, String host, String path) throws Exception {
        return Integer.parseInt(get(port, host, path).substring(9, 12));
    }

    /** One HTTP/1.1 request with this Host header (Java's HttpClient will not send another than the URL's). */
    private static String get(int port, String host, String path) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
