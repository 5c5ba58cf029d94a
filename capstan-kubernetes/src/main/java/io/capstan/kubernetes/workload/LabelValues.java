package io.capstan.kubernetes.workload;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Label values as Kubernetes takes them: at most 63 letters, digits, '-', '_' and '.', starting and ending with a
 * letter or digit. A value that is not one (an image such as {@code registry:5000/app:1}) is labelled with its hash,
 * {@code sha256-<40 hex digits>}, and kept whole in an annotation.
 */
final class LabelValues {
    private static final Pattern VALID = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");

    private LabelValues() {
    }

    static boolean isValid(String value) {
        return value.length() <= 63 && VALID.matcher(value).matches();
    }

    /** The value itself when Kubernetes takes it, else its hash. */
    static String of(String value) {
        return isValid(value) ? value : hash(value);
    }

    static Map<String, String> of(Map<String, String> labels) {
        Map<String, String> out = new LinkedHashMap<>();
        labels.forEach((k, v) -> out.put(k, of(v)));
        return out;
    }

    static String hash(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + HexFormat.of().formatHex(digest).substring(0, 40);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
