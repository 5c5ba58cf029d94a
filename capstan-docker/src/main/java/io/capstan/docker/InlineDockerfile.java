package io.capstan.docker;

import io.capstan.core.error.EngineException;
import io.capstan.core.model.ImageInfo;
import io.capstan.core.spec.ImageBuild;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.function.Function;

/**
 * A build whose Dockerfile is given as text: the classic builder reads the Dockerfile from the context it is sent,
 * so the text is written into the context under a name of its own for the build, and removed afterwards.
 */
final class InlineDockerfile {
    private InlineDockerfile() {
    }

    static ImageInfo build(ImageBuild build, Function<ImageBuild, ImageInfo> builder) {
        Path file = build.context().resolve(".capstan-inline-" + UUID.randomUUID() + ".Dockerfile");
        try {
            Files.writeString(file, build.options().dockerfileContent());
        } catch (IOException e) {
            throw new EngineException("cannot write the inline Dockerfile into the build context " + build.context()
                    + ": " + e.getMessage(), e);
        }
        try {
            ImageBuild.Options o = build.options();
            return builder.apply(new ImageBuild(build.context(), file.getFileName().toString(), build.tags(),
                    build.buildArgs(), build.target(), build.labels(),
                    new ImageBuild.Options(null, o.cacheFrom(), o.network(), o.shmSize(), o.extraHosts())));
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a leftover file in the context does no harm to later builds
            }
        }
    }
}
