package io.capstan.core.engine;

import io.capstan.core.model.ImageInfo;

import java.io.InputStream;
import java.util.List;

/** A capability: images made from a root filesystem tarball rather than built or pulled. */
public interface RootfsImport {

    /**
     * Creates an image from a root filesystem tarball, like {@code docker import}; {@code changes} are Dockerfile
     * instructions applied to it, such as {@code CMD ["sh"]}.
     */
    ImageInfo importRootfs(InputStream tarball, String ref, List<String> changes);
}
