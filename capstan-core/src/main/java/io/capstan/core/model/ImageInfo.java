package io.capstan.core.model;

import java.time.Instant;
import java.util.List;

/**
 * An image, listed once per repository:tag as {@code docker images} does ({@code <none>} for untagged ones).
 *
 * @param size         bytes
 * @param exposedPorts the ports the image EXPOSEs, such as {@code "80/tcp"}; known from an inspection, empty in
 *                     listings
 */
public record ImageInfo(String id, String repository, String tag, List<String> repoTags, long size, Instant created,
                        List<String> exposedPorts) {
    public ImageInfo {
        repoTags = List.copyOf(repoTags);
        exposedPorts = exposedPorts == null ? List.of() : List.copyOf(exposedPorts);
    }

    /** As listings report it: without exposed ports. */
    public ImageInfo(String id, String repository, String tag, List<String> repoTags, long size, Instant created) {
        this(id, repository, tag, repoTags, size, created, List.of());
    }

    public String reference() {
        return repository + ":" + tag;
    }

    public String shortId() {
        String hex = id.startsWith("sha256:") ? id.substring(7) : id;
        return hex.length() > 12 ? hex.substring(0, 12) : hex;
    }
}
