package io.capstan.server;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Masking secret env values in an answer: at any depth, in both env forms, names kept, the answer left alone. */
class SecretEnvTest {
    @Test
    void secretValuesAreMaskedWhereverAnEnvIsAndTheRestIsKept() {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("DB_PASSWORD", "hunter2");
        env.put("DATABASE_URL", "postgres://app:pw@db/app");
        env.put("HOMEPAGE_URL", "https://example.org/");
        env.put("REGION", "eu");
        env.put("API_KEY", null);
        Map<String, Object> answer = Map.of("images", List.of(Map.of("image", "web", "env", env)),
                "container", Map.of("env", List.of("API_TOKEN=abc", "MODE=fast", "NOVALUE")));

        Object masked = SecretEnv.masked(answer);

        Map<?, ?> image = (Map<?, ?>) ((List<?>) ((Map<?, ?>) masked).get("images")).getFirst();
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("DB_PASSWORD", SecretEnv.MASK);
        expected.put("DATABASE_URL", SecretEnv.MASK);
        expected.put("HOMEPAGE_URL", "https://example.org/");
        expected.put("REGION", "eu");
        expected.put("API_KEY", null);
        assertThat(image.get("env")).isEqualTo(expected);
        assertThat(image.get("image")).isEqualTo("web");
        assertThat(((Map<?, ?>) ((Map<?, ?>) masked).get("container")).get("env"))
                .isEqualTo(Arrays.asList("API_TOKEN=" + SecretEnv.MASK, "MODE=fast", "NOVALUE"));
        assertThat(env.get("DB_PASSWORD")).as("the answer itself is untouched").isEqualTo("hunter2");
    }
}
