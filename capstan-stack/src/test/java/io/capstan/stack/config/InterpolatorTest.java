package io.capstan.stack.config;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The alternative forms {@code ${VAR:+x}} and {@code ${VAR+x}}, for compose files and stack config alike. */
class InterpolatorTest {
    private static final Map<String, String> ENV = Map.of("SET", "on", "EMPTY", "", "PASSWORD", "hunter2");

    private static Object expand(String text, Interpolator.Unset policy) {
        return new Interpolator(ENV, (name, value) -> name.equals("PASSWORD"), policy).apply(Map.of("k", text)).expanded();
    }

    @Test
    void colonPlusGivesTheAlternativeOnlyWhenTheVariableIsSetAndNotEmpty() {
        for (Interpolator.Unset policy : Interpolator.Unset.values()) {
            assertThat(expand("[${SET:+yes}]", policy)).as(policy.name()).isEqualTo(Map.of("k", "[yes]"));
            assertThat(expand("[${EMPTY:+yes}]", policy)).as(policy.name()).isEqualTo(Map.of("k", "[]"));
            assertThat(expand("[${UNSET:+yes}]", policy)).as(policy.name()).isEqualTo(Map.of("k", "[]"));
        }
    }

    @Test
    void plusGivesTheAlternativeWhenTheVariableIsSetEvenToEmptyText() {
        for (Interpolator.Unset policy : Interpolator.Unset.values()) {
            assertThat(expand("[${SET+yes}]", policy)).as(policy.name()).isEqualTo(Map.of("k", "[yes]"));
            assertThat(expand("[${EMPTY+yes}]", policy)).as(policy.name()).isEqualTo(Map.of("k", "[yes]"));
            assertThat(expand("[${UNSET+yes}]", policy)).as(policy.name()).isEqualTo(Map.of("k", "[]"));
        }
    }

    @Test
    void theAlternativeIsItselfExpandedAndAnUnsetTestedVariableIsNoWarning() {
        Interpolator interpolator = new Interpolator(ENV, (name, value) -> name.equals("PASSWORD"), Interpolator.Unset.BLANK);
        Interpolator.Result result = interpolator.apply(Map.of("cmd", "run ${SET:+--mode=${SET}} ${UNSET:+--x} ${PASSWORD:+--pw=${PASSWORD}}"));
        assertThat(result.expanded()).isEqualTo(Map.of("cmd", "run --mode=on  --pw=hunter2"));
        assertThat(result.masked()).isEqualTo(Map.of("cmd", "run --mode=on  --pw=${PASSWORD}"));
        assertThat(interpolator.warnings()).isEmpty();
    }
}
