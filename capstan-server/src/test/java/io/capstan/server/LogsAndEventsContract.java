package io.capstan.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code GET /containers/{id}/logs} and {@code GET /events}: managed containers' output and the recorded events. */
abstract class LogsAndEventsContract extends StrictRequestsContract {

    private HttpResponse<String> text(String path) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofMinutes(1))
                    .build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    /** A managed container running {@code script} in sh. */
    private JsonNode running(String script) {
        ApiClient.Answer made = post("/start/container", "{\"image\": \"" + IMAGE + "\", \"command\": [\"sh\", \"-c\", \""
                + script + "\"]}");
        assertThat(made.status()).as(made.json().toString()).isEqualTo(200);
        return made.json();
    }

    @Test
    void logsOfAManagedContainerAreTextTailedOrFollowedToItsEnd() throws Exception {
        String id = running("echo one; echo two >&2; sleep 1; echo three; sleep 600").path("id").asText();
        // stdout and stderr are one text; the engine keeps each stream's order, not always the order between them.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(text("/containers/" + id + "/logs").body()
                .lines()).containsExactlyInAnyOrder("one", "two", "three").containsSubsequence("one", "three"));
        HttpResponse<String> tail = text("/containers/" + id + "/logs?tail=1");
        assertThat(tail.statusCode()).isEqualTo(200);
        assertThat(tail.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(tail.body()).isEqualTo("three\n");

        String name = running("echo first; sleep 2; echo last").path("name").asText();
        // Following lasts until the container stops, and has every line it wrote by then.
        HttpResponse<String> followed = text("/containers/" + name + "/logs?follow=true");
        assertThat(followed.body()).isEqualTo("first\nlast\n");

        String outsider = outsider();
        HttpResponse<String> refused = text("/containers/" + outsider + "/logs");
        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(refused.body()).contains("no managed container");
        assertThat(text("/containers/" + id + "/logs?tail=some").statusCode()).isEqualTo(422);
    }

    @Test
    void eventsAreListedOldestFirstByImageAndFollowedFromAnId() throws Exception {
        String id = create("").path("id").asText();
        eventsOf(id, 2);
        JsonNode all = get("/events?image=" + encoded(IMAGE)).json();
        assertThat(all.path("events").findValuesAsText("event")).containsSubsequence("create", "start");
        assertThat(all.path("events").findValuesAsText("container_id")).contains(id);
        assertThat(get("/events?image=other:1").json().path("events")).isEmpty();
        long last = all.path("last_id").asLong();
        assertThat(get("/events?after=" + last).json().path("events")).isEmpty();

        post("/containers/" + id + "/stop?timeout=0", null);
        eventsOf(id, 3);
        JsonNode more = get("/events?after=" + last + "&image=" + encoded(IMAGE)).json();
        assertThat(more.path("events").findValuesAsText("event")).containsExactly("stop");
        assertThat(more.path("last_id").asLong()).isGreaterThan(last);
        assertThat(get("/events?limit=1").json().path("events")).hasSize(1);
        assertThat(get("/events?limit=zero").status()).isEqualTo(422);
    }
}
