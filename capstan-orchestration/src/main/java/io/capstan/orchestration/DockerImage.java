package io.capstan.orchestration;

import java.time.Instant;

/**
 * An image on the engine, one per repository and tag.
 *
 * @param id         the image's id ({@code sha256:...})
 * @param repository such as {@code toronto-ai}, {@code <none>} for an untagged image
 * @param tag        such as {@code latest}
 * @param size       bytes
 * @param created    when it was built
 */
public record DockerImage(String id, String repository, String tag, long size, Instant created) {
    /** {@code repository:tag}. */
    public String reference() {
        return repository + ":" + tag;
    }
}
