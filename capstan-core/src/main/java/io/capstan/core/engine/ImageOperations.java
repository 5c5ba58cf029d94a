package io.capstan.core.engine;

import io.capstan.core.model.ImageInfo;
import io.capstan.core.spec.ImageBuild;

import java.util.List;
import java.util.function.Consumer;

/** Images on one engine. {@code ref} is {@code repository[:tag]} (tag defaults to {@code latest}) or an id. */
public interface ImageOperations {

    List<ImageInfo> list();

    ImageInfo inspect(String ref);

    /** Builds an image, sending each line of build output to {@code progress}; returns the first tag's image. */
    ImageInfo build(ImageBuild build, Consumer<String> progress);

    ImageInfo pull(String ref, Consumer<String> progress);

    void push(String ref, Consumer<String> progress);

    /** Gives the image {@code source} the additional name {@code target}. */
    void tag(String source, String target);

    void remove(String ref, boolean force);
}
