package io.capstan.core.secret;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which variables are secrets: each default pattern, URLs decided by their value, and globs. */
class SecretNamesTest {
    private final SecretNames defaults = SecretNames.DEFAULTS;

    @Test
    void eachDefaultPatternMatchesWhateverTheCase() {
        assertThat(List.of("API_KEY", "GITHUB_TOKEN", "client_secret", "DB_PASSWORD", "DB_PASS", "SMTP_PASSPHRASE",
                "SENTRY_DSN", "aws_credentials", "GCP_CREDENTIAL_FILE")).allMatch(defaults);
        assertThat(List.of("REGION", "PORT", "LOG_LEVEL", "PROJECT_ROOT", "DATABASE_URL")).noneMatch(defaults);
    }

    @Test
    void aUrlVariableIsASecretOnlyWhenItsValueCarriesAPassword() {
        assertThat(defaults.isSecret("DATABASE_URL", "postgres://app:hunter2@db:5432/app")).isTrue();
        assertThat(defaults.isSecret("redis_url", "redis://:hunter2@cache:6379/0")).isTrue();
        assertThat(defaults.isSecret("DATABASE_URL", "postgres://db:5432/app")).as("a port is not a password").isFalse();
        assertThat(defaults.isSecret("DATABASE_URL", "postgres://app@db/app")).as("a user without password").isFalse();
        assertThat(defaults.isSecret("HOMEPAGE_URL", "https://example.org/a:b@c")).as("@ in the path").isFalse();
        assertThat(defaults.isSecret("MIRROR", "https://u:p@host/")).as("only *_URL names are looked at").isFalse();
    }

    @Test
    void configuredGlobsExtendTheDefaultsUnlessTheyReplaceThem() {
        assertThat(new SecretNames(SecretNames.globs(List.of("*_PIN"), false))).accepts("CARD_PIN", "API_KEY");
        assertThat(new SecretNames(SecretNames.globs(List.of("*_PIN"), true))).accepts("CARD_PIN").rejects("API_KEY");
    }

    @Test
    void globsMatchTheWholeName() {
        SecretNames names = new SecretNames(List.of("SECRET_?"));
        assertThat(names).accepts("SECRET_A", "secret_b").rejects("SECRET_AB", "MY_SECRET_A");
    }
}
