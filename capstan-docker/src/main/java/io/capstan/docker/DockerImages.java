package io.capstan.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.api.model.PushResponseItem;
import com.github.dockerjava.api.model.ResponseItem;
import com.github.dockerjava.transport.DockerHttpClient;
import io.capstan.core.engine.ImageOperations;
import io.capstan.core.engine.RootfsImport;
import io.capstan.core.error.ConflictException;
import io.capstan.core.error.EngineException;
import io.capstan.core.error.InvalidSpecException;
import io.capstan.core.error.NotFoundException;
import io.capstan.core.model.ImageInfo;
import io.capstan.core.spec.ImageBuild;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

final class DockerImages implements ImageOperations, RootfsImport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DockerClient client;
    private final DockerHttpClient http;
    private final DockerErrors errors;

    DockerImages(DockerClient client, DockerHttpClient http, DockerErrors errors) {
        this.client = client;
        this.http = http;
        this.errors = errors;
    }

    @Override
    public List<ImageInfo> list() {
        return errors.call("image", "list", () -> client.listImagesCmd().exec().stream()
                .flatMap(i -> DockerMapper.images(i).stream()).toList());
    }

    @Override
    public ImageInfo inspect(String ref) {
        return errors.call("image", ref, () -> DockerMapper.image(client.inspectImageCmd(ref).exec(), withTag(ref)));
    }

    @Override
    public ImageInfo build(ImageBuild build, Consumer<String> progress) {
        if (!Files.isDirectory(build.context())) {
            throw new InvalidSpecException("build context '" + build.context() + "' is not a directory");
        }
        if (build.options().dockerfileContent() != null) {
            return InlineDockerfile.build(build, inline -> build(inline, progress));
        }
        if (!Files.isRegularFile(build.context().resolve(build.dockerfile()))) {
            throw new InvalidSpecException("build context '" + build.context() + "' has no " + build.dockerfile());
        }
        if (build.tags().isEmpty()) {
            throw new InvalidSpecException("an image build needs at least one tag, such as app:latest");
        }
        String ref = build.tags().getFirst();
        errors.run("image", ref, () -> {
            // not buildImageCmd(context): that one insists on a file named Dockerfile in the context
            var cmd = client.buildImageCmd().withBaseDirectory(build.context().toFile())
                    .withDockerfile(build.context().resolve(build.dockerfile()).toFile())
                    .withTags(new java.util.HashSet<>(build.tags()))
                    .withLabels(build.labels());
            build.buildArgs().forEach(cmd::withBuildArg);
            if (build.target() != null) {
                cmd.withTarget(build.target());
            }
            BuildOptions.apply(build.options(), cmd);
            cmd.exec(new BuildImageResultCallback() {
                @Override
                public void onNext(BuildResponseItem item) {
                    report(item, progress);
                    super.onNext(item);
                }
            }).awaitImageId();
        });
        return inspect(ref);
    }

    @Override
    public ImageInfo pull(String ref, Consumer<String> progress) {
        String repository = DockerMapper.repository(ref);
        String tag = DockerMapper.tag(ref);
        errors.run("image", ref, () -> await(client.pullImageCmd(repository).withTag(tag)
                .exec(new ResultCallback.Adapter<PullResponseItem>() {
                    @Override
                    public void onNext(PullResponseItem item) {
                        report(item, progress);
                        failOnError(item, ref);
                    }
                }), ref));
        return inspect(repository + ":" + tag);
    }

    @Override
    public void push(String ref, Consumer<String> progress) {
        inspect(ref);
        String repository = DockerMapper.repository(ref);
        String tag = DockerMapper.tag(ref);
        errors.run("image", ref, () -> await(client.pushImageCmd(repository).withTag(tag)
                .exec(new ResultCallback.Adapter<PushResponseItem>() {
                    @Override
                    public void onNext(PushResponseItem item) {
                        report(item, progress);
                        failOnError(item, ref);
                    }
                }), ref));
    }

    @Override
    public void tag(String source, String target) {
        inspect(source);
        String repository = DockerMapper.repository(target);
        String tag = DockerMapper.tag(target);
        errors.run("image", source, () -> client.tagImageCmd(source, repository, tag).exec());
    }

    @Override
    public void remove(String ref, boolean force) {
        try {
            errors.run("image", ref, () -> client.removeImageCmd(ref).withForce(force).exec());
        } catch (ConflictException inUse) {
            throw ContainersInUse.named(client, cmd -> cmd.withAncestorFilter(List.of(ref)), "image", ref,
                    "remove {them} first, or use --force to untag the image anyway", inUse);
        }
    }

    @Override
    public ImageInfo importRootfs(InputStream tarball, String ref, List<String> changes) {
        StringBuilder path = new StringBuilder("/images/create?fromSrc=-")
                .append("&repo=").append(encode(DockerMapper.repository(ref)))
                .append("&tag=").append(encode(DockerMapper.tag(ref)));
        for (String change : changes) {
            path.append("&changes=").append(encode(change));
        }
        var request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.POST)
                .path(path.toString())
                .putHeader("Content-Type", "application/x-tar")
                .body(tarball)
                .build();
        errors.run("image", ref, () -> {
            try (DockerHttpClient.Response response = http.execute(request)) {
                String error = firstError(response.getBody());
                if (response.getStatusCode() >= 400 || error != null) {
                    throw errors.translate("image", ref, response.getStatusCode(),
                            error == null ? "HTTP " + response.getStatusCode() : error, null);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        return inspect(ref);
    }

    /** The engine streams JSON progress objects; an {@code error} field in any of them means it failed. */
    private static String firstError(InputStream body) throws IOException {
        var reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        var parser = JSON.getFactory().createParser(reader);
        var objects = JSON.readValues(parser, JsonNode.class);
        String error = null;
        while (objects.hasNext()) {
            JsonNode node = objects.next();
            if (error == null && node.hasNonNull("error")) {
                error = node.get("error").asText();
            } else if (error == null && node.hasNonNull("message")) {
                error = node.get("message").asText();
            }
        }
        return error;
    }

    private static void report(ResponseItem item, Consumer<String> progress) {
        String text = item.getStream() != null ? item.getStream()
                : item.getStatus() != null ? item.getStatus() + (item.getId() == null ? "" : " " + item.getId())
                : null;
        if (text != null && !text.isBlank()) {
            progress.accept(text.stripTrailing());
        }
    }

    private static void failOnError(ResponseItem item, String ref) {
        if (item.getErrorDetail() != null || item.getError() != null) {
            String message = item.getErrorDetail() != null ? item.getErrorDetail().getMessage() : item.getError();
            String lower = String.valueOf(message).toLowerCase(java.util.Locale.ROOT);
            if (lower.contains("not found") || lower.contains("does not exist") || lower.contains("manifest unknown")) {
                throw new NotFoundException("image", ref, "image '" + ref + "': " + message, null);
            }
            throw new EngineException("image '" + ref + "': " + message);
        }
    }

    private static void await(ResultCallback.Adapter<?> callback, String ref) {
        try {
            callback.awaitCompletion(30, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted while transferring image '" + ref + "'", e);
        }
    }

    private static String withTag(String ref) {
        return ref.startsWith("sha256:") ? ref : DockerMapper.repository(ref) + ":" + DockerMapper.tag(ref);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
