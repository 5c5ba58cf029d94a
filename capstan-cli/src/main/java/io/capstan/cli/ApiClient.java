package io.capstan.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.capstan.core.error.CapstanException;
import io.capstan.core.error.ConfigException;
import io.capstan.core.error.ConflictException;
import io.capstan.core.error.EngineException;
import io.capstan.core.error.EngineUnavailableException;
import io.capstan.core.error.InvalidSpecException;
import io.capstan.core.error.NotFoundException;
import io.capstan.core.files.OwnerOnly;
import io.capstan.server.Tokens;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Calls the control plane's REST API for {@code capstan managed}; answers that are not 2xx become errors. */
final class ApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String token;
    /** Whether this host's admin token was kept back because {@link #base} is not this host's server. */
    private final boolean adminTokenWithheld;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    ApiClient(URI base, String token, boolean adminTokenWithheld) {
        this.base = base;
        this.token = token;
        this.adminTokenWithheld = adminTokenWithheld;
    }

    /**
     * {@code --url}/{@code CAPSTAN_URL}, with the token the user named ({@code --token}, {@code --token-file},
     * {@code CAPSTAN_TOKEN}: null when none), else this host's admin token, but only for this host's own server: the
     * admin token is never sent to another URL.
     */
    static ApiClient of(String url, String token) {
        String fromEnvironment = System.getenv("CAPSTAN_URL");
        URI base = url != null ? ApiUrl.parse(url, "--url")
                : fromEnvironment != null ? ApiUrl.parse(fromEnvironment, "CAPSTAN_URL")
                : URI.create("http://127.0.0.1:8000/");
        if (token != null) {
            return new ApiClient(base, token, false);
        }
        Path data = ServerCommand.defaultDataDir();
        Path admin = data.resolve(Tokens.ADMIN_FILE);
        if (!Files.exists(admin)) {
            return new ApiClient(base, null, false);
        }
        if (!LocalServer.isLocal(data, base)) {
            return new ApiClient(base, null, true);
        }
        try {
            return new ApiClient(base, OwnerOnly.readPrivate(admin).strip(), false);
        } catch (IOException e) {
            return new ApiClient(base, null, false);
        }
    }

    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    JsonNode get(String path) {
        return send("GET", path, null);
    }

    JsonNode send(String method, String path, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path.startsWith("/") ? path.substring(1) : path))
                .timeout(Duration.ofMinutes(5)).header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            HttpResponse<byte[]> response = http.send(request.header("Content-Type", "application/json").build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            JsonNode json = response.body().length == 0 ? JSON.nullNode() : JSON.readTree(response.body());
            if (response.statusCode() >= 300 && response.statusCode() != 207) {
                throw failure(response.statusCode(), json);
            }
            return json;
        } catch (JsonProcessingException e) {
            throw new EngineException("the control plane at " + base + " answered something that is not JSON", e);
        } catch (IOException e) {
            throw new EngineUnavailableException("no control plane answers at " + base + " (" + why(e)
                    + "): start one with 'capstan server', or point --url/CAPSTAN_URL at it", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted", e);
        }
    }

    /**
     * A text answer, handed over line by line as it comes ({@code GET} of a container's logs, followed or not); an
     * answer that is not 2xx is an error, as with {@link #send}.
     */
    void stream(String path, java.util.function.Consumer<String> line) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path.startsWith("/") ? path.substring(1) : path))
                .header("Accept", "text/plain, application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<java.util.stream.Stream<String>> response = http.send(request.GET().build(),
                    HttpResponse.BodyHandlers.ofLines());
            try (java.util.stream.Stream<String> lines = response.body()) {
                if (response.statusCode() >= 300) {
                    String text = String.join("\n", lines.toList());
                    throw failure(response.statusCode(), text.isBlank() ? JSON.nullNode() : JSON.readTree(text));
                }
                lines.forEach(line);
            }
        } catch (JsonProcessingException e) {
            throw new EngineException("the control plane at " + base + " answered something that is not JSON", e);
        } catch (IOException | java.io.UncheckedIOException e) {
            IOException cause = e instanceof java.io.UncheckedIOException u ? u.getCause() : (IOException) e;
            throw new EngineUnavailableException("no control plane answers at " + base + " (" + why(cause)
                    + "): start one with 'capstan server', or point --url/CAPSTAN_URL at it", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted", e);
        }
    }

    private static String why(IOException e) {
        return switch (e) {
            case java.net.ConnectException c -> "connection refused";
            case java.net.http.HttpTimeoutException t -> "no answer in time";
            default -> "the connection failed";
        };
    }

    private CapstanException failure(int status, JsonNode body) {
        // A field of the body the command built is named without the API's "body." (such as cpu_limit).
        String message = body.path("message").asText("HTTP " + status).replaceFirst("^body\\.", "");
        return switch (status) {
            case 400, 422 -> new InvalidSpecException(message);
            case 401, 403 -> new ConfigException(message + " (give a token with --token-file or CAPSTAN_TOKEN"
                    + (adminTokenWithheld ? "; this host's admin token is sent only to this host's own server" : "")
                    + ")");
            case 404 -> new NotFoundException("container", body.path("id").asText(""), message, null);
            case 409 -> new ConflictException(message, null);
            case 503 -> new EngineUnavailableException(message);
            default -> new EngineException(message);
        };
    }
}
