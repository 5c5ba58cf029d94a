package io.capstan.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What error answers and health reads tell a caller who is not the admin: that something failed, not how or where. */
class ErrorBodiesIT {
    @TempDir
    Path dir;

    @Test
    void detailedHealthShowsWhereTheDatabaseIsAndItsLastErrorOnlyToTheAdmin() throws Exception {
        try (ObservedPlane p = new ObservedPlane(dir, "srv20-errors", false)) {
            String readOnly = p.tokens.createReadOnly();
            for (String token : new String[]{null, readOnly}) {
                for (String path : new String[]{"/health/detailed", "/test/integration"}) {
                    ApiClient.Answer answer = p.api().call("GET", path, token, null);
                    assertThat(answer.status()).isEqualTo(200);
                    assertThat(answer.json().toString()).as(path).doesNotContain(dir.toString());
                }
                JsonNode database = p.api().call("GET", "/health/detailed", token, null).json().path("database");
                assertThat(database.has("location")).isFalse();
                assertThat(database.has("last_error")).isFalse();
                assertThat(database.path("reachable").asBoolean()).isTrue();
            }
            JsonNode database = p.api().call("GET", "/health/detailed", p.admin, null).json().path("database");
            assertThat(database.path("location").asText()).contains(dir.toString());
            assertThat(database.has("last_error")).isTrue();
        }
    }

    @Test
    void a401SaysWhatIsMissingWithoutNamingTheTokenFile() throws Exception {
        try (ObservedPlane p = new ObservedPlane(dir, "srv20-errors", false)) {
            ApiClient.Answer answer = p.api().call("POST", "/tokens", null, null);
            assertThat(answer.status()).isEqualTo(401);
            assertThat(answer.json().path("detail").asText()).contains("Authorization: Bearer <token>")
                    .doesNotContain(dir.toString()).doesNotContain("admin.token");
        }
    }

    @Test
    void a500SaysOnlyThatItFailedWithAnIdTheLogHasAndIllTypedQueriesNameTheParameter() throws Exception {
        CountingEngine counting = new CountingEngine();
        try (ObservedPlane p = new ObservedPlane(dir, "srv20-errors", false, counting::wrap, ObservedPlane.FAST)) {
            var put = p.api().call("PUT", "/containers/" + p.encodedImage() + "/desired", p.admin,
                    "{\"replicas\": 1, \"command\": [\"sleep\", \"600\"]}");
            assertThat(put.status()).as(put.json().toString()).isEqualTo(201);
            await().atMost(Duration.ofSeconds(30)).until(() -> p.runningOnEngine().size() == 1);
            String id = p.runningOnEngine().getFirst();

            counting.fail("containers.logs");
            ApiClient.Answer failed = p.api().call("GET", "/containers/" + id + "/logs", null, null);
            assertThat(failed.status()).isEqualTo(500);
            String request = failed.json().path("request_id").asText();
            assertThat(request).isNotBlank();
            assertThat(failed.json().path("detail").asText()).contains("internal error").contains(request)
                    .doesNotContain("srv20-internal-detail").doesNotContain("/var/lib").doesNotContain("Exception");

            for (String query : new String[]{"/containers/instances/" + id + "/health?history=99999999999",
                    "/containers/instances/" + id + "/health?history=-1"}) {
                ApiClient.Answer bad = p.api().call("GET", query, null, null);
                assertThat(bad.status()).as(query).isEqualTo(422);
                assertThat(bad.json().path("field").asText()).isEqualTo("history");
            }
            ApiClient.Answer force = p.api().call("DELETE", "/containers/" + id + "?force=maybe", p.admin, null);
            assertThat(force.status()).isEqualTo(422);
            assertThat(force.json().path("field").asText()).isEqualTo("force");
            assertThat(force.json().path("message").asText()).contains("maybe").contains("true or false");
            assertThat(p.runningOnEngine()).as("nothing was removed").containsExactly(id);
        }
    }
}
