package io.capstan.stack.config;

import io.capstan.core.secret.SecretNames;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A stack's secret_patterns: they extend the defaults, or replace them with secret_patterns_replace. */
class StackSecretNamesTest {
    @Test
    void withoutPatternsTheDefaultsApply() {
        assertThat(StackSecretNames.of(Map.of())).accepts("API_KEY", "DB_PASS").rejects("REGION");
    }

    @Test
    void configuredPatternsExtendTheDefaults() {
        SecretNames names = StackSecretNames.of(Map.of("secret_patterns", List.of("*_PIN")));
        assertThat(List.of("CARD_PIN", "API_KEY", "DB_PASS")).allMatch(names);
    }

    @Test
    void secretPatternsReplaceTrueReplacesThemButUrlsWithPasswordsStaySecret() {
        SecretNames names = StackSecretNames.of(Map.of("secret_patterns", List.of("*_PIN"), "secret_patterns_replace", true));
        assertThat(names).accepts("CARD_PIN").rejects("API_KEY", "KEYBOARD_LAYOUT");
        assertThat(names.isSecret("DATABASE_URL", "mysql://root:pw@db/x")).isTrue();
    }
}
