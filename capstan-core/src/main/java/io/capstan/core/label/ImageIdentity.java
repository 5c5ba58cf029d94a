package io.capstan.core.label;

import io.capstan.core.hash.ConfigHash;

import java.util.Map;
import java.util.Optional;

/**
 * Which image a managed container (or workload) runs, said in a way every target accepts. The seed's
 * {@code managed-by=IMAGE} is no Kubernetes label value ({@code /} and {@code :}, up to 63 characters), so the
 * control plane also writes a short hash of the image ({@link Labels#MANAGED_IMAGE_HASH}: 16 hex digits, valid
 * everywhere, what a selector matches) and the full image ({@link Labels#MANAGED_IMAGE}: an annotation where a label
 * cannot hold it).
 */
public final class ImageIdentity {
    private static final int HASH_DIGITS = 16;

    private ImageIdentity() {
    }

    /** The short hash of an image reference, as the hash label holds it. */
    public static String hash(String image) {
        return ConfigHash.of(image, HASH_DIGITS);
    }

    /** The engine-neutral pair of labels for an image. */
    public static Map<String, String> labels(String image) {
        return Map.of(Labels.MANAGED_IMAGE_HASH, hash(image), Labels.MANAGED_IMAGE, image);
    }

    /**
     * The image that labels name: the neutral pair when its hash matches its image, else the seed's
     * {@code managed-by} (containers made before the pair existed); empty when neither says.
     */
    public static Optional<String> imageOf(Map<String, String> labels) {
        String image = labels.get(Labels.MANAGED_IMAGE);
        if (image != null && hash(image).equals(labels.get(Labels.MANAGED_IMAGE_HASH))) {
            return Optional.of(image);
        }
        return Optional.ofNullable(labels.get(Labels.MANAGED_BY)).filter(seed -> !seed.isEmpty());
    }
}
