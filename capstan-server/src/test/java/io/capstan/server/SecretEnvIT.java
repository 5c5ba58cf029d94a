package io.capstan.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every read the route table serves, with a desired image whose env holds secrets: an anonymous read and a read-only
 * token see them masked, the admin sees them.
 */
class SecretEnvIT {
    private static final String PASSWORD = "srv20-hunter2";
    private static final String URL_PASSWORD = "srv20-urlpass";
    private static final String PLAIN = "srv20-region";

    @TempDir
    Path dir;

    @Test
    void noReadShowsASecretEnvValueToAnyoneButTheAdmin() throws Exception {
        try (ObservedPlane p = new ObservedPlane(dir, "srv20-mask", false)) {
            String readOnly = p.tokens.createReadOnly();
            var put = p.api().call("PUT", "/containers/" + p.encodedImage() + "/desired", p.admin,
                    "{\"min_replicas\": 1, \"replicas\": 1, \"command\": [\"sleep\", \"600\"], \"env\": {"
                            + "\"DB_PASSWORD\": \"" + PASSWORD + "\", "
                            + "\"DATABASE_URL\": \"postgres://app:" + URL_PASSWORD + "@db/app\", "
                            + "\"REGION\": \"" + PLAIN + "\"}}");
            assertThat(put.status()).as(put.json().toString()).isEqualTo(201);
            await().atMost(Duration.ofSeconds(30)).until(() -> p.runningOnEngine().size() == 1);
            String container = p.runningOnEngine().getFirst();

            RawReads reads = new RawReads();
            Map<String, String> shownToAdmin = new LinkedHashMap<>();
            List<String> read = new ArrayList<>();
            for (Route route : p.server().routes()) {
                if (route.mutating()) {
                    continue;
                }
                URI uri = uri(p, route, container);
                read.add(route.path());
                for (String token : new String[]{null, readOnly}) {
                    RawReads.Read masked = reads.get(uri, token);
                    assertThat(masked.body()).as("GET %s by %s", uri, token == null ? "anyone" : "a read-only token")
                            .doesNotContain(PASSWORD).doesNotContain(URL_PASSWORD);
                }
                RawReads.Read admin = reads.get(uri, p.admin);
                if (admin.body().contains(PASSWORD)) {
                    shownToAdmin.put(route.path(), uri.toString());
                    assertThat(admin.body()).contains(URL_PASSWORD);
                    assertThat(reads.get(uri, null).body()).as("GET %s shows which variables are set", uri)
                            .contains("\"DB_PASSWORD\":\"" + SecretEnv.MASK + "\"").contains(PLAIN);
                }
            }
            assertThat(read).as("every read of the route table").contains("/events/stream", "/health/detailed");
            assertThat(shownToAdmin).as("the reads that hold env").containsKeys("/desired",
                    "/containers/<image>/desired", "/images");
        }
    }

    /** The route's path with its parameters filled in, and every query parameter it documents that picks an image. */
    private static URI uri(ObservedPlane p, Route route, String container) {
        String path = route.path().replace("<image>", p.encodedImage()).replace("{id}", container)
                .replace("{file}", "app.js");
        assertThat(path).as("a path parameter this test does not know: fill it in above").doesNotContain("{", "<");
        List<String> query = new ArrayList<>();
        if (route.query().containsKey("image")) {
            query.add("image=" + URLEncoder.encode(p.image, StandardCharsets.UTF_8));
        }
        if (route.query().containsKey("history")) {
            query.add("history=50");
        }
        return URI.create(p.server().url() + path + (query.isEmpty() ? "" : "?" + String.join("&", query)));
    }
}
