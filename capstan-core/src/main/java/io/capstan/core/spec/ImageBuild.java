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
 * @param options    the rest of what the build is asked, {@link Options#NONE} for the builder's defaults
 */
public record ImageBuild(Path context, String dockerfile, List<String> tags, Map<String, String> buildArgs,
                         String target, Map<String, String> labels, Options options) {
    /**
     * @param dockerfileContent the Dockerfile's text, used instead of {@code dockerfile}; null for the file
     * @param cacheFrom         images whose layers the build may reuse
     * @param network           the network the build's {@code RUN} steps use ({@code host}, {@code none}), or null
     * @param shmSize           the size of {@code /dev/shm} for {@code RUN} steps, in bytes, or null
     * @param extraHosts        {@code HOST:IP} entries added to the build's {@code /etc/hosts}
     */
    public record Options(String dockerfileContent, List<String> cacheFrom, String network, Long shmSize,
                          List<String> extraHosts) {
        public static final Options NONE = new Options(null, List.of(), null, null, List.of());

        public Options {
            cacheFrom = cacheFrom == null ? List.of() : List.copyOf(cacheFrom);
            extraHosts = extraHosts == null ? List.of() : List.copyOf(extraHosts);
        }
    }

    public ImageBuild(Path context, String dockerfile, List<String> tags, Map<String, String> buildArgs, String target,
                      Map<String, String> labels) {
        this(context, dockerfile, tags, buildArgs, target, labels, Options.NONE);
    }

    public ImageBuild {
        options = options == null ? Options.NONE : options;
        dockerfile = dockerfile == null || dockerfile.isBlank() ? "Dockerfile" : dockerfile;
        tags = List.copyOf(tags);
        buildArgs = buildArgs == null ? Map.of() : Map.copyOf(buildArgs);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
