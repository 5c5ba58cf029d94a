package io.capstan.docker;

import com.github.dockerjava.api.command.BuildImageCmd;
import io.capstan.core.spec.ImageBuild;

import java.util.LinkedHashSet;

/** Puts an {@link ImageBuild.Options} on the classic builder's request (cachefrom, networkmode, shmsize, extrahosts). */
final class BuildOptions {
    private BuildOptions() {
    }

    static void apply(ImageBuild.Options options, BuildImageCmd cmd) {
        if (!options.cacheFrom().isEmpty()) {
            cmd.withCacheFrom(new LinkedHashSet<>(options.cacheFrom()));
        }
        if (options.network() != null) {
            cmd.withNetworkMode(options.network());
        }
        if (options.shmSize() != null) {
            cmd.withShmsize(options.shmSize());
        }
        if (!options.extraHosts().isEmpty()) {
            cmd.withExtraHosts(new LinkedHashSet<>(options.extraHosts()));
        }
    }
}
