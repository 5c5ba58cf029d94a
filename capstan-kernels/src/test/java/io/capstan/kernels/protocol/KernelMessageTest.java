package io.capstan.kernels.protocol;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KernelMessageTest {
    private final MessageSigner signer = MessageSigner.of("hmac-sha256", "a0436f6c-1916-498b-8eb9-e81ab9368e84");

    @Test
    void aRequestIsTheDelimiterTheSignatureOfItsFourPartsThenTheParts() {
        KernelMessage request = KernelMessage.request("kernel_info_request", "session-1", "alice");
        List<byte[]> frames = request.toFrames(signer);

        assertThat(frames).hasSize(6);
        assertThat(text(frames.get(0))).isEqualTo("<IDS|MSG>");
        assertThat(text(frames.get(1))).isEqualTo(signer.sign(frames.subList(2, 6)));
        assertThat(text(frames.get(2))).contains("\"msg_type\":\"kernel_info_request\"", "\"session\":\"session-1\"",
                "\"username\":\"alice\"", "\"version\":\"5.3\"", "\"msg_id\":\"" + request.msgId() + "\"");
        assertThat(text(frames.get(3))).isEqualTo("{}");
        assertThat(text(frames.get(4))).isEqualTo("{}");
        assertThat(text(frames.get(5))).isEqualTo("{}");
    }

    @Test
    void aReceivedMessageIsReadAfterTheRoutingIdentities() {
        KernelMessage request = KernelMessage.request("kernel_info_request", "s", "alice");
        List<byte[]> frames = new ArrayList<>(List.of(bytes("identity-1"), bytes("identity-2")));
        frames.addAll(request.toFrames(signer));

        KernelMessage read = KernelMessage.fromFrames(frames, signer);

        assertThat(read.msgType()).isEqualTo("kernel_info_request");
        assertThat(read.msgId()).isEqualTo(request.msgId());
        assertThat(read.parentMsgId()).isEmpty();
    }

    @Test
    void aMessageSignedWithAnotherKeyIsRefused() {
        List<byte[]> frames = KernelMessage.request("kernel_info_reply", "s", "alice")
                .toFrames(MessageSigner.of("hmac-sha256", "another key"));

        assertThatThrownBy(() -> KernelMessage.fromFrames(frames, signer))
                .hasMessage("a message whose signature does not match the connection file's key");
    }

    @Test
    void framesWithoutTheDelimiterOrWithTooFewPartsAreNoMessage() {
        assertThatThrownBy(() -> KernelMessage.fromFrames(List.of(bytes("{}"), bytes("{}")), signer))
                .hasMessageContaining("not a Jupyter message");
        List<byte[]> truncated = KernelMessage.request("kernel_info_reply", "s", "a").toFrames(signer).subList(0, 5);
        assertThatThrownBy(() -> KernelMessage.fromFrames(truncated, signer))
                .hasMessageContaining("not a Jupyter message");
    }

    private static String text(byte[] frame) {
        return new String(frame, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
