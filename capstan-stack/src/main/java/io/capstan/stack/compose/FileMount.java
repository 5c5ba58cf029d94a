package io.capstan.stack.compose;

import java.nio.file.Path;

/**
 * A service's use of a secret or config: the host file bound read-only at {@code containerPath}.
 *
 * @param source      the top-level key it names
 * @param target      the target as written, or null
 * @param uid         {@code uid} as written, or null
 * @param gid         {@code gid} as written, or null
 * @param mode        {@code mode}, or null for the default (0444, world-readable, as Compose)
 * @param hostFile    the host file bound into the container
 * @param contentHash the hash of the content, for the service's configuration hash
 */
public record FileMount(FileSource.Kind kind, String source, String target, String uid, String gid, Integer mode,
                        Path hostFile, String contentHash) {

    /** {@code /run/secrets/NAME}, {@code /run/secrets/TARGET}, {@code /NAME} for a config, or an absolute target. */
    public String containerPath() {
        String name = target == null ? source : target;
        return name.startsWith("/") ? name : kind.defaultDir() + name;
    }
}
