package io.capstan.kernels.protocol;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageSignerTest {
    private static final List<byte[]> PARTS = List.of(bytes("{\"msg_id\":\"a\"}"), bytes("{}"), bytes("{}"),
            bytes("{\"x\":1}"));

    @Test
    void signsTheFourPartsWithHmacSha256OfTheKeyAsPythonsHmacDoes() {
        // python3: hmac.new(b'secret-key', digestmod=hashlib.sha256), updated with the four parts, hexdigest()
        assertThat(MessageSigner.of("hmac-sha256", "secret-key").sign(PARTS))
                .isEqualTo("b373758af332b36cd55c176a43bab7a15574b3d4811c6c4888398af46d6161f2");
    }

    @Test
    void anEmptyKeyMeansUnsignedMessages() {
        MessageSigner unsigned = MessageSigner.of("hmac-sha256", "");
        assertThat(unsigned.sign(PARTS)).isEmpty();
        assertThat(unsigned.verifies("", PARTS)).isTrue();
    }

    @Test
    void verifiesOnlyTheSignatureOfTheSamePartsAndKey() {
        MessageSigner signer = MessageSigner.of("hmac-sha256", "secret-key");
        String signature = signer.sign(PARTS);
        assertThat(signer.verifies(signature, PARTS)).isTrue();
        assertThat(MessageSigner.of("hmac-sha256", "other-key").verifies(signature, PARTS)).isFalse();
        assertThat(signer.verifies(signature, List.of(PARTS.get(0), PARTS.get(1), PARTS.get(2), bytes("{\"x\":2}"))))
                .isFalse();
    }

    @Test
    void anUnknownSchemeIsRefusedNamingIt() {
        assertThatThrownBy(() -> MessageSigner.of("rot13", "secret-key"))
                .hasMessage("signature scheme 'rot13' is not supported: expected hmac-sha256 (or another hmac-SHA digest)");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
