package io.capstan.core.hash;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The one hash of a configuration or of a file's content that Capstan keeps in labels and names (a stack container's
 * config hash, a managed replica's spec, a Swarm service's spec, a secret's content, a kernel image's recipe): SHA-256,
 * written in lower-case hex, cut to the first {@code length} digits. Labels already on running containers were written
 * this way, so a caller changes neither its canonical text nor its length, or every container made before is
 * recreated.
 */
public final class ConfigHash {
    /** The most hex digits a SHA-256 has. */
    public static final int FULL = 64;

    private ConfigHash() {
    }

    /** The first {@code length} hex digits of the SHA-256 of {@code canonical} in UTF-8. */
    public static String of(String canonical, int length) {
        return of(canonical.getBytes(StandardCharsets.UTF_8), length);
    }

    /** The first {@code length} hex digits of the SHA-256 of {@code content}. */
    public static String of(byte[] content, int length) {
        if (length < 1 || length > FULL) {
            throw new IllegalArgumentException("a hash has 1 to " + FULL + " hex digits, not " + length);
        }
        return HexFormat.of().formatHex(sha256(content)).substring(0, length);
    }

    private static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
