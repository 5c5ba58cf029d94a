package io.capstan.kernels.protocol;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;

/**
 * Signs Jupyter messages as the connection file says: an HMAC of the header, parent header, metadata and content
 * frames, hex-encoded. An empty key means messages go unsigned (an empty signature), as Jupyter does.
 */
public final class MessageSigner {
    private final String algorithm;
    private final byte[] key;

    private MessageSigner(String algorithm, byte[] key) {
        this.algorithm = algorithm;
        this.key = key;
    }

    /** @param scheme the connection file's {@code signature_scheme}, e.g. {@code hmac-sha256} */
    public static MessageSigner of(String scheme, String key) {
        String digest = scheme.startsWith("hmac-") ? scheme.substring("hmac-".length()) : "";
        String algorithm = "Hmac" + digest.toUpperCase(java.util.Locale.ROOT).replace("-", "");
        if (!key.isEmpty()) {
            try {
                Mac.getInstance(algorithm);
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("signature scheme '" + scheme + "' is not supported: expected "
                        + "hmac-sha256 (or another hmac-SHA digest)", e);
            }
        }
        return new MessageSigner(algorithm, key.getBytes(StandardCharsets.UTF_8));
    }

    /** The signature of these four frames (header, parent header, metadata, content), lowercase hex. */
    public String sign(List<byte[]> frames) {
        if (key.length == 0) {
            return "";
        }
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            frames.forEach(mac::update);
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("checked when the signer was made", e);
        }
    }

    /** Whether {@code signature} is these frames' signature (compared in constant time). */
    public boolean verifies(String signature, List<byte[]> frames) {
        return MessageDigest.isEqual(sign(frames).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }
}
