package io.capstan.server;

import io.capstan.control.managed.InvalidRequestException;
import io.capstan.tck.fuzz.Mutations;
import io.capstan.tck.fuzz.UserErrors;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import static io.capstan.tck.fuzz.Fuzz.check;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code ?history=} of a container's health, read as the route reads it: a query, or a 422 naming it. */
class HistoryQueryFuzzTest {
    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    @Test
    void anyValueIsAQueryOrA422() {
        check("anyValueIsAQueryOrA422", values(), value -> UserErrors.resultOrOneLine(() -> {
            try {
                return HistoryQuery.parse(value, NOW);
            } catch (InvalidRequestException e) {
                assertThat(e.field()).isEqualTo("history");
                UserErrors.assertOneLine(e.getMessage());
                return null;
            }
        }));
    }

    private static Function<Random, String> values() {
        return Mutations.of(List.of("20", "0", "30m", "6h", "7d", "45s"));
    }

    @Test
    void countsAndWindowsAreRead() {
        assertThat(HistoryQuery.parse(null, NOW)).isEqualTo(new HistoryQuery(20, null));
        assertThat(HistoryQuery.parse(" 5 ", NOW)).isEqualTo(new HistoryQuery(5, null));
        assertThat(HistoryQuery.parse("6h", NOW)).isEqualTo(new HistoryQuery(0, NOW.minus(Duration.ofHours(6))));
    }

    // Found reading the route: each of these was a 500.

    @Test
    void aWindowBeyondJavasRangeIsA422() {
        for (String value : List.of("99999999999999999999d", "9223372036854775807d", "106751991167301d",
                "99999999999")) {
            assertThatThrownBy(() -> HistoryQuery.parse(value, NOW)).as(value)
                    .isInstanceOf(InvalidRequestException.class)
                    .hasMessage("history: '" + value + "' is too large: give a count such as 20 or a window of at "
                            + "most a few years, such as 365d");
        }
    }
}
