package io.capstan.tck.fake;

import io.capstan.core.model.EventKind;
import io.capstan.core.engine.ImageOperations;
import io.capstan.core.error.ConflictException;
import io.capstan.core.error.EngineException;
import io.capstan.core.model.ImageInfo;
import io.capstan.core.spec.ImageBuild;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Images of the fake engine: the ones it was told about ({@link FakeEngine#addImage}), under their names. */
final class FakeImages implements ImageOperations {
    private final FakeWorld world;

    FakeImages(FakeWorld world) {
        this.world = world;
    }

    /** {@code repository:tag}, with the tag {@code latest} when none is given. */
    static String withTag(String ref) {
        int slash = ref.lastIndexOf('/');
        return ref.indexOf(':', slash + 1) >= 0 ? ref : ref + ":latest";
    }

    /** Makes the image known (a new one, or a new name for the one with the same id); returns it. */
    ImageInfo add(String ref, String id) {
        synchronized (world.lock) {
            String named = withTag(ref);
            world.images.replaceAll((key, i) -> without(i, named));
            ImageInfo existing = world.images.get(id);
            List<String> tags = new ArrayList<>(existing == null ? List.of() : existing.repoTags());
            tags.add(named);
            ImageInfo image = new ImageInfo(id, repository(tags.getFirst()), tag(tags.getFirst()), tags,
                    existing == null ? 1L << 20 : existing.size(),
                    existing == null ? world.now() : existing.created());
            world.images.put(id, image);
            world.publish("image", EventKind.OTHER, "tag", id, Map.of("name", named));
            return image;
        }
    }

    private static ImageInfo without(ImageInfo image, String name) {
        if (!image.repoTags().contains(name)) {
            return image;
        }
        List<String> tags = new ArrayList<>(image.repoTags());
        tags.remove(name);
        String first = tags.isEmpty() ? "<none>:<none>" : tags.getFirst();
        return new ImageInfo(image.id(), repository(first), tag(first), tags, image.size(), image.created());
    }

    private static String repository(String named) {
        return named.substring(0, named.lastIndexOf(':'));
    }

    private static String tag(String named) {
        return named.substring(named.lastIndexOf(':') + 1);
    }

    @Override
    public List<ImageInfo> list() {
        world.called("images.list", null);
        synchronized (world.lock) {
            List<ImageInfo> listed = new ArrayList<>();
            for (ImageInfo image : world.images.values()) {
                for (String named : image.repoTags()) {
                    listed.add(new ImageInfo(image.id(), repository(named), tag(named), image.repoTags(), image.size(),
                            image.created()));
                }
            }
            return listed;
        }
    }

    @Override
    public ImageInfo inspect(String ref) {
        world.called("images.inspect", ref);
        synchronized (world.lock) {
            return world.image(ref);
        }
    }

    @Override
    public ImageInfo build(ImageBuild build, Consumer<String> progress) {
        world.called("images.build", null);
        throw new EngineException("engine fake cannot build images: tell it about the image instead");
    }

    /** The fake has no registry: pulling an image it knows returns it, any other is not found. */
    @Override
    public ImageInfo pull(String ref, Consumer<String> progress) {
        world.called("images.pull", ref);
        synchronized (world.lock) {
            return world.image(ref);
        }
    }

    @Override
    public void push(String ref, Consumer<String> progress) {
        world.called("images.push", ref);
        synchronized (world.lock) {
            world.image(ref);
        }
        throw new EngineException("engine fake cannot push images: it has no registry");
    }

    @Override
    public void tag(String source, String target) {
        world.called("images.tag", source);
        synchronized (world.lock) {
            add(target, world.image(source).id());
        }
    }

    @Override
    public void remove(String ref, boolean force) {
        world.called("images.remove", ref);
        synchronized (world.lock) {
            ImageInfo image = world.image(ref);
            boolean byName = !image.id().equals(ref);
            if (byName && image.repoTags().size() > 1) {
                world.images.put(image.id(), without(image, withTag(ref)));
                world.publish("image", EventKind.OTHER, "untag", image.id(), Map.of("name", withTag(ref)));
                return;
            }
            boolean used = world.containers.values().stream().anyMatch(c -> c.imageId.equals(image.id()));
            if (used && !force) {
                throw new ConflictException("image '" + ref + "' is used by a container or has several names: "
                        + "remove the container first or use --force");
            }
            world.images.remove(image.id());
            world.publish("image", EventKind.OTHER, "delete", image.id(), Map.of("name", ref));
        }
    }
}
