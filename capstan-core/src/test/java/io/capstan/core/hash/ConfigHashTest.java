package io.capstan.core.hash;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigHashTest {
    private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"; // sha256sum of "abc"

    @Test
    void isTheSha256InLowerCaseHexCutToTheLengthAsked() {
        assertThat(ConfigHash.of("abc", ConfigHash.FULL)).isEqualTo(ABC);
        assertThat(ConfigHash.of("abc", 16)).isEqualTo(ABC.substring(0, 16));
        assertThat(ConfigHash.of("abc", 8)).isEqualTo("ba7816bf");
        assertThat(ConfigHash.of("abc".getBytes(StandardCharsets.UTF_8), 16)).isEqualTo(ConfigHash.of("abc", 16));
    }

    @Test
    void textIsHashedAsUtf8() {
        assertThat(ConfigHash.of("grüß", 16)).isEqualTo(ConfigHash.of("grüß".getBytes(StandardCharsets.UTF_8), 16))
                .isNotEqualTo(ConfigHash.of("grüß".getBytes(StandardCharsets.ISO_8859_1), 16));
    }

    @Test
    void aLengthOutsideTheHashIsRefused() {
        assertThatThrownBy(() -> ConfigHash.of("abc", 0)).hasMessage("a hash has 1 to 64 hex digits, not 0");
        assertThatThrownBy(() -> ConfigHash.of("abc", 65)).hasMessage("a hash has 1 to 64 hex digits, not 65");
    }
}
