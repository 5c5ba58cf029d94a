package io.capstan.server.fuzz;

import io.capstan.control.managed.CreateRequest;
import io.capstan.control.managed.InvalidRequestException;
import io.capstan.control.managed.ResourceLimits;
import io.capstan.control.replicas.StartRequest;
import io.capstan.core.error.CapstanException;
import io.capstan.server.ApiJson;
import io.capstan.tck.fuzz.UserErrors;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import static io.capstan.tck.fuzz.Fuzz.check;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Request bodies through the code the routes read them with ({@code ApiJson.object}, then the request's own
 * reader): a request, or a 422 naming the field (or a 400 from the core's checks) in one line; nothing else.
 */
class RequestBodiesFuzzTest {

    @Test
    void startBodies() {
        check("startBodies", startBodyTexts(), body -> {
            answers(() -> StartRequest.from(ApiJson.object(bytes(body)), null));
            answers(() -> StartRequest.from(ApiJson.object(bytes(body)), "capstan-busybox:test"));
        });
    }

    @Test
    void createBodies() {
        check("createBodies", startBodyTexts(), body -> answers(() -> CreateRequest.from(ApiJson.object(bytes(body)))));
    }

    @Test
    void resourceBodies() {
        check("resourceBodies", resourceBodyTexts(), body -> answers(() -> {
            Map<String, Object> map = ApiJson.object(bytes(body));
            return ResourceLimits.from(map.containsKey("resources") ? map.get("resources") : map, "resources");
        }));
    }

    private static void answers(java.util.concurrent.Callable<?> read) {
        UserErrors.resultOrOneLine(() -> {
            try {
                return read.call();
            } catch (InvalidRequestException e) {
                // the 422 the route answers: the field is named, the reason is one line
                assertThat(e.field()).isNotBlank();
                UserErrors.assertOneLine(e.getMessage());
                return null;
            }
        }, CapstanException.class);
    }

    // What the properties found, kept as regressions.

    @Test
    void aBodyThatIsJsonButNotAnObjectSaysWhatItIs() {
        assertThatThrownBy(() -> ApiJson.object(bytes("\"capstan-busybox:test\"")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("body: expected a JSON object, got a string");
        assertThatThrownBy(() -> ApiJson.object(bytes("[1]"))).hasMessage("body: expected a JSON object, got an array");
    }

    @Test
    void tenThousandNestedArraysAreRefusedInOneLine() {
        String body = "{\"env\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        answers(() -> ApiJson.object(bytes(body)));
        assertThatThrownBy(() -> ApiJson.object(bytes(body))).isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith("body: not a JSON object: Document nesting depth");
    }

    private static Function<Random, String> startBodyTexts() {
        return JsonMutations.of(List.of(
                "{\"image\": \"capstan-busybox:test\"}",
                "{\"image\": \"nginx:alpine\", \"env\": {\"A\": \"1\", \"B\": 2, \"C\": true}, "
                        + "\"ports\": [{\"container\": 80, \"host\": 8080}], \"count\": 2, \"name\": \"web\"}",
                "{\"image\": \"a\", \"ports\": {\"80/tcp\": null, \"53/udp\": 5353}, "
                        + "\"resources\": {\"cpu\": \"0.5\", \"memory\": \"512m\"}, \"command\": [\"sleep\", \"9\"]}",
                "{\"image\": \"a\", \"image_url\": \"http://x\", \"min_replicas\": 1, \"max_replicas\": 3, "
                        + "\"resources\": {\"cpu_limit\": \"500m\", \"memory_limit\": \"1Gi\"}}"));
    }

    private static Function<Random, String> resourceBodyTexts() {
        return JsonMutations.of(List.of("{\"cpu_limit\": \"0.5\", \"memory_limit\": \"512Mi\"}",
                "{\"resources\": {\"cpu\": \"2\", \"memory\": \"1g\", \"disk\": \"10g\"}}"));
    }

    private static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }
}
