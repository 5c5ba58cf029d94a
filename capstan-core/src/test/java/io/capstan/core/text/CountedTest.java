package io.capstan.core.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CountedTest {
    @Test
    void oneIsSingularEverythingElsePlural() {
        assertThat(Counted.of(1, "replica")).isEqualTo("1 replica");
        assertThat(Counted.of(0, "replica")).isEqualTo("0 replicas");
        assertThat(Counted.of(3, "container")).isEqualTo("3 containers");
    }
}
