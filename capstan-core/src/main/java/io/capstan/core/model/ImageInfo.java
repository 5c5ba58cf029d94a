package io.capstan.core.model;

import java.time.Instant;
import java.util.List;

/**
 * An image, listed once per repository:tag as {@code docker images} does ({@code <none>} for untagged ones).
 *
 * @param size bytes
 */
public record ImageInfo(String id, String repository, String tag, List<String> repoTags, long size, Instant created) {
    public ImageInfo {
        repoTags = List.copyOf(repoTags);
    }

    public String reference() {
        return repository + ":" + tag;
    }

    public String shortId() {
        String hex = id.startsWith("sha256:") ? id.substring(7) : id;
        return hex.length() > 12 ? hex.substring(0, 12) : hex;
    }
}
