package io.capstan.core.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EditDistanceTest {
    @Test
    void countsTheLettersToInsertRemoveOrChange() {
        assertThat(EditDistance.between("containers", "containers")).isZero();
        assertThat(EditDistance.between("contaners", "containers")).isEqualTo(1);
        assertThat(EditDistance.between("kitten", "sitting")).isEqualTo(3);
        assertThat(EditDistance.between("", "web")).isEqualTo(3);
        assertThat(EditDistance.between("wrker", "worker")).isEqualTo(EditDistance.between("worker", "wrker"));
    }
}
