package io.capstan.core.spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An image build from a context directory.
 *
 * @param context    the build context directory
 * @param dockerfile the Dockerfile, relative to the context (null: {@code Dockerfile})
 * @param tags       tags to give the result, such as {@code app:1.0}
 * @param buildArgs  {@code ARG} values
 * @param target     the stage of a multi-stage build to stop at, or null
 * @param labels     labels to put on the image
 */
public record ImageBuild(Path context, String dockerfile, List<String> tags, Map<String, String> buildArgs,
                         String target, Map<String, String> labels) {
    public ImageBuild {
        dockerfile = dockerfile == null || dockerfile.isBlank() ? "Dockerfile" : dockerfile;
        tags = List.copyOf(tags);
        buildArgs = buildArgs == null ? Map.of() : Map.copyOf(buildArgs);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
