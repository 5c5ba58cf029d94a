package io.capstan.core.resource;

import io.capstan.core.error.InvalidSpecException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationsTest {
    @ParameterizedTest
    @CsvSource({"500ms, 500", "5s, 5000", "1.5s, 1500", "1m30s, 90000", "2h, 7200000", "1m0.5s, 60500"})
    void readsDockerDurations(String text, long millis) {
        assertThat(Durations.parse(text).toMillis()).isEqualTo(millis);
    }

    @ParameterizedTest
    @CsvSource({"500ms, 500", "2s, 2000", "1.5s, 1500", "1m30s, 90000", "2h, 7200000", "1h0.25s, 3600250", "0s, 0"})
    void writesThemAsComposeDoesAndReadsThemBack(String text, long millis) {
        assertThat(Durations.format(java.time.Duration.ofMillis(millis))).isEqualTo(text);
        assertThat(Durations.parse(text).toMillis()).isEqualTo(millis);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5", "s", "5 s", "1d", "-5s", "5s3"})
    void rejectsAnythingElse(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("invalid duration '" + text + "'");
    }
}
