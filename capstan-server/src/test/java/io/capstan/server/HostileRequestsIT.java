package io.capstan.server;

import io.capstan.control.ControlPlane;
import io.capstan.control.store.Store;
import io.capstan.control.store.Stores;
import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.ContainerFilter;
import io.capstan.core.label.Labels;
import io.capstan.docker.EngineLocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Requests written to hurt, against a real server (SQLite, the real engine): oversized and malformed bodies, wrong
 * types, hostile query values, read-only tokens on every state-changing route the server registers, and clients that
 * send half a request or trickle it. None of them may change state: every path names an image no one has.
 */
class HostileRequestsIT {
    private static final String NO_SUCH = "fuzz17-no-such-image:none";
    private static final Duration IDLE = Duration.ofSeconds(2);
    /** Far above the test server's idle timeout, below Jetty's default one (30 s). */
    private static final Duration BOUND = Duration.ofSeconds(15);

    @TempDir
    Path dataDir;

    private ContainerEngine engine;
    private Store store;
    private ControlPlane plane;
    private ApiServer server;
    private ApiClient api;
    private String admin;
    private String readOnly;

    @BeforeEach
    void startServer() throws IOException {
        engine = EngineLocator.fromEnvironment().locate(null);
        store = Stores.sqlite(dataDir.resolve("capstan.db"));
        plane = ControlPlane.start(engine, store);
        Tokens tokens = Tokens.open(dataDir, file -> { });
        server = ApiServer.start(plane, tokens,
                new ServerOptions("127.0.0.1", 0, dataDir, false).withIdleTimeout(IDLE), "test");
        api = new ApiClient(server.url());
        admin = Files.readString(tokens.adminFile()).strip();
        readOnly = tokens.createReadOnly();
    }

    @AfterEach
    void stopServer() {
        server.close();
        plane.close();
        store.close(); // its files closed before the temporary directory is deleted
        engine.close();
    }

    @Test
    void aReadOnlyTokenIsRefusedOnEveryStateChangingRouteTheServerRegisters() {
        List<String> checked = new ArrayList<>();
        for (String endpoint : server.servedEndpoints()) {
            String method = endpoint.substring(0, endpoint.indexOf(' '));
            if (List.of("GET", "HEAD", "OPTIONS").contains(method)) {
                continue;
            }
            String path = endpoint.substring(endpoint.indexOf(' ') + 1)
                    .replaceAll("<[^>]+>", NO_SUCH.replace(":", "%3A")).replaceAll("\\{[^}]+}", "fuzz17-none");
            ApiClient.Answer answer = api.call(method, path, readOnly, "{\"image\": \"" + NO_SUCH + "\"}");
            assertThat(answer.status()).as(endpoint).isEqualTo(403);
            assertThat(answer.json().path("detail").asText()).as(endpoint)
                    .isEqualTo("a read-only token cannot change state");
            checked.add(endpoint);
        }
        assertThat(checked).as("state-changing routes found in the server's table").hasSizeGreaterThan(10)
                .contains("POST /start/container", "PUT /containers/<image>/desired", "DELETE /containers/{id}",
                        "POST /tokens");
        assertThat(store.desired(NO_SUCH)).isEmpty();
        assertThat(engine.containers().list(ContainerFilter.allWithLabels(Map.of(Labels.MANAGED_BY, ""))))
                .noneMatch(c -> c.image().equals(NO_SUCH));
    }

    @Test
    void aBodyOverOneMebibyteIs413WithADetail() {
        String huge = "{\"image\": \"" + NO_SUCH + "\", \"name\": \"" + "x".repeat((int) ServerOptions.MAX_BODY_BYTES) + "\"}";
        ApiClient.Answer answer = api.call("POST", "/start/container", admin, huge);
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.json().path("detail").asText()).contains("1048576");
        assertThat(answer.json().path("error").asText()).isEqualTo("invalid");
    }

    @Test
    void malformedJsonAndWrongTypesAre422NamingTheField() {
        ApiClient.Answer malformed = api.call("POST", "/start/container", admin, "{\"image\": ");
        assertThat(malformed.status()).isEqualTo(422);
        assertThat(malformed.json().path("field").asText()).isEqualTo("body");
        assertThat(malformed.json().path("detail").get(0).path("type").asText()).isEqualTo("json_invalid");

        ApiClient.Answer notAnObject = api.call("PUT", "/containers/" + NO_SUCH + "/desired", admin, "[1, 2]");
        assertThat(notAnObject.status()).isEqualTo(422);
        assertThat(notAnObject.json().path("message").asText()).isEqualTo("body: expected a JSON object, got an array");

        ApiClient.Answer wrongType = api.call("PUT", "/containers/" + NO_SUCH + "/desired", admin,
                "{\"replicas\": \"three\"}");
        assertThat(wrongType.status()).isEqualTo(422);
        assertThat(wrongType.json().path("field").asText()).isEqualTo("replicas");

        ApiClient.Answer unknown = api.call("PUT", "/containers/" + NO_SUCH + "/desired", admin, "{\"replica\": 1}");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.json().path("field").asText()).isEqualTo("replica");
        assertThat(store.desired(NO_SUCH)).isEmpty();
    }

    @Test
    void hostileQueryValuesOnEveryDocumentedQueryParameterAreNeverA500() {
        List<String> values = List.of("-1", "99999999999999999999999", "9223372036854775807d", "1e9", "%00", "%0A%0D",
                "%E2%80%AE", "'%22%3C%3E", "true%20false", "x".repeat(5000));
        for (Route route : server.routes()) {
            if (route.mutating() || route.query().isEmpty() || route.path().contains("logs")
                    || route.path().contains("stream")) {
                continue;
            }
            String path = route.path().replaceAll("<[^>]+>", NO_SUCH.replace(":", "%3A"))
                    .replaceAll("\\{[^}]+}", "fuzz17-none");
            for (String name : route.query().keySet()) {
                for (String value : values) {
                    ApiClient.Answer answer = api.call("GET", path + "?" + name + "=" + value, admin, null);
                    assertThat(answer.status()).as(route.method() + " " + path + "?" + name + "=" + value)
                            .isLessThan(500);
                    String message = answer.json().path("message").asText("");
                    assertThat(message).doesNotContain("\n", "Exception", "java.");
                }
            }
        }
    }

    @Test
    void aClientThatSendsHalfARequestAndWaitsIsClosedByTheServer() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout((int) BOUND.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(("POST /start/container HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + admin
                    + "\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{\"image\": ")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String answer = readUntilClosed(socket.getInputStream());
            assertThat(answer).doesNotStartWith("HTTP/1.1 2");
        }
        assertThat(store.desired(NO_SUCH)).isEmpty();
    }

    @Test
    void aClientThatSendsOnlyPartOfItsHeadersIsClosedByTheServer() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout((int) BOUND.toMillis());
            socket.getOutputStream().write("GET /containers HTTP/1.1\r\nHost: 127".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            assertThat(readUntilClosed(socket.getInputStream())).doesNotStartWith("HTTP/1.1 2");
        }
    }

    @Test
    void aBodyTrickledByteByByteIsCutOff() throws IOException, InterruptedException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout((int) BOUND.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(("POST /start/container HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + admin
                    + "\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // one byte a second, well inside the idle timeout each time: only the data rate can stop it
            boolean cutOff = false;
            for (int i = 0; i < 60 && !cutOff; i++) {
                try {
                    out.write(' ');
                    out.flush();
                    cutOff = socket.getInputStream().available() > 0;
                } catch (IOException closed) {
                    cutOff = true;
                }
                Thread.sleep(1000);
            }
            assertThat(cutOff).as("the server stopped a body trickled at a byte a second within a minute").isTrue();
            String answer = readUntilClosed(socket.getInputStream());
            assertThat(answer).doesNotStartWith("HTTP/1.1 2");
        }
    }

    /** What the server sent until it closed the connection; fails if it still holds it after {@link #BOUND}. */
    private static String readUntilClosed(InputStream in) {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                seen.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            fail("the server still holds the connection after " + BOUND + "; it sent: " + seen);
        } catch (IOException reset) {
            // closed by the server with a reset: closed all the same
        }
        return seen.toString(StandardCharsets.ISO_8859_1);
    }
}
