package io.capstan.docker;

import com.github.dockerjava.api.model.SecretSpec;

import java.lang.reflect.Field;
import java.util.Base64;
import java.util.Map;

/**
 * A secret's spec with its bytes as they are. docker-java's {@code withData(String)} base64-encodes the text it is
 * given (as UTF-8), so bytes that are not UTF-8 text cannot pass through it: the encoded field is set directly.
 */
final class SecretData {
    private SecretData() {
    }

    static SecretSpec spec(String name, byte[] data, Map<String, String> labels) {
        SecretSpec spec = new SecretSpec().withName(name).withLabels(labels);
        try {
            Field field = SecretSpec.class.getDeclaredField("data");
            field.setAccessible(true);
            field.set(spec, Base64.getEncoder().encodeToString(data));
            return spec;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return spec.withData(new String(data, java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
