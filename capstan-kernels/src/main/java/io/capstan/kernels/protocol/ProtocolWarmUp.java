package io.capstan.kernels.protocol;

import java.time.Duration;

/**
 * Goes through the messaging code once — signing, framing, a ZeroMQ socket asking a loopback port nobody answers
 * on — so that the CLI's class-data archive holds it and a kernel launch does not load it cold.
 */
public final class ProtocolWarmUp {
    private ProtocolWarmUp() {
    }

    public static void run() {
        MessageSigner signer = MessageSigner.of("hmac-sha256", "warm-up");
        KernelMessage.fromFrames(KernelMessage.request("kernel_info_request", "warm-up", "warm-up").toFrames(signer),
                signer);
        try (KernelInfoProbe probe = new KernelInfoProbe("tcp://127.0.0.1:9", signer, "warm-up")) {
            probe.answered(Duration.ofMillis(1));
        }
    }
}
