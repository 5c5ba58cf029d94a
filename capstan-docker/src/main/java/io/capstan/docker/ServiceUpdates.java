package io.capstan.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.dockerjava.transport.DockerHttpClient;
import io.capstan.core.error.ConflictException;
import io.capstan.core.error.InvalidSpecException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Changes to a service that must keep every field of its spec, including those docker-java's model does not know
 * (a service made by the Docker CLI has some): scale and rollback edit the engine's own JSON.
 */
final class ServiceUpdates {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DockerHttpClient http;
    private final DockerErrors errors;

    ServiceUpdates(DockerHttpClient http, DockerErrors errors) {
        this.http = http;
        this.errors = errors;
    }

    void scale(String name, int replicas) {
        if (replicas < 0) {
            throw new InvalidSpecException("invalid replicas " + replicas + " for service '" + name + "': expected 0 or more");
        }
        JsonNode service = get(name);
        ObjectNode spec = (ObjectNode) service.path("Spec");
        JsonNode replicated = spec.path("Mode").path("Replicated");
        if (replicated.isMissingNode()) {
            throw new InvalidSpecException("service '" + name
                    + "' is global (one replica on every node): only replicated services can be scaled");
        }
        ((ObjectNode) replicated).put("Replicas", replicas);
        post(name, service, spec, "");
    }

    /** Swarm's own rollback: the service's previous spec, replacing tasks as its rollback config says. */
    void rollback(String name) {
        JsonNode service = get(name);
        if (service.path("PreviousSpec").isMissingNode() || service.path("PreviousSpec").isNull()) {
            throw new ConflictException("service '" + name + "' has no earlier spec to roll back to: it was never updated");
        }
        post(name, service, (ObjectNode) service.path("Spec"), "&rollback=previous");
    }

    private JsonNode get(String name) {
        return errors.call("service", name, () -> {
            var request = DockerHttpClient.Request.builder().method(DockerHttpClient.Request.Method.GET)
                    .path("/services/" + encode(name)).build();
            try {
                return JSON.readTree(send(name, request));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).deepCopy();
    }

    private void post(String name, JsonNode service, ObjectNode spec, String query) {
        long version = service.path("Version").path("Index").asLong();
        errors.run("service", name, () -> {
            try {
                var request = DockerHttpClient.Request.builder().method(DockerHttpClient.Request.Method.POST)
                        .path("/services/" + encode(service.path("ID").asText()) + "/update?version=" + version + query)
                        .putHeader("Content-Type", "application/json")
                        .body(new ByteArrayInputStream(JSON.writeValueAsBytes(spec)))
                        .build();
                send(name, request);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private String send(String name, DockerHttpClient.Request request) {
        try (var response = http.execute(request)) {
            String body = new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8);
            if (response.getStatusCode() >= 400) {
                String message = body.contains("\"message\"") ? JSON.readTree(body).path("message").asText() : body;
                throw errors.translate("service", name, response.getStatusCode(), DockerErrors.oneLine(message), null);
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String encode(String ref) {
        return URLEncoder.encode(ref, StandardCharsets.UTF_8);
    }
}
