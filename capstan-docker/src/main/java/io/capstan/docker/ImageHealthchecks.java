package io.capstan.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.model.Image;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Whether an image, as this engine has it, runs a healthcheck of its own. The answer is kept per image id, and per
 * digest-pinned reference ({@code name@sha256:...}): what either names never changes. The most recently asked
 * {@value #KEPT} are kept. A tag is turned into an id afresh at each {@link Reading} (one list of the engine's images,
 * filtered to the tags asked for), so a tag moved to a rebuilt image is seen at once; an image is inspected only the
 * first time its id is seen.
 */
final class ImageHealthchecks {
    static final int KEPT = 256;

    private final DockerClient client;
    private final Map<String, Boolean> known = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > KEPT;
        }
    };

    ImageHealthchecks(DockerClient client) {
        this.client = client;
    }

    /** Answers for one reading of services whose replicas run the images of {@code references}. */
    Reading reading(Collection<String> references) {
        return new Reading(new TreeSet<>(references));
    }

    final class Reading {
        private final TreeSet<String> references;
        private Map<String, String> ids;

        private Reading(TreeSet<String> references) {
            this.references = references;
        }

        /** True when the image of {@code reference} has a healthcheck; an image the engine lacks counts as none. */
        boolean checked(String reference) {
            String key = pinned(reference) ? reference : ids().get(normalized(reference));
            Boolean answer = key == null ? null : remembered(key);
            if (answer != null) {
                return answer;
            }
            InspectImageResponse image;
            try {
                image = client.inspectImageCmd(reference).exec();
            } catch (RuntimeException unknown) {
                return false;
            }
            boolean checked = SwarmTaskHealth.checked(null, image.getConfig() == null ? null : image.getConfig().getHealthcheck());
            if (image.getId() != null) {
                remember(image.getId(), checked);
            }
            if (pinned(reference)) {
                remember(reference, checked);
            }
            return checked;
        }

        /** The ids of the tags of this reading, as one list of the engine's images says now. */
        private Map<String, String> ids() {
            if (ids == null) {
                ids = new HashMap<>();
                // as the engine lists them: its reference filter does not match docker.io/library/NAME
                List<String> tags = references.stream().filter(r -> !pinned(r)).map(ImageHealthchecks::normalized)
                        .distinct().toList();
                List<Image> images;
                try {
                    images = tags.isEmpty() ? List.of() : client.listImagesCmd().withFilter("reference", tags).exec();
                } catch (RuntimeException unlisted) {
                    // each image is then inspected, as it would be without the list
                    return ids;
                }
                for (Image image : images) {
                    for (String name : image.getRepoTags() == null ? new String[0] : image.getRepoTags()) {
                        ids.put(normalized(name), image.getId());
                    }
                }
            }
            return ids;
        }
    }

    private synchronized Boolean remembered(String key) {
        return known.get(key);
    }

    private synchronized void remember(String key, boolean checked) {
        known.put(key, checked);
    }

    private static boolean pinned(String reference) {
        return reference.contains("@sha256:") || reference.startsWith("sha256:");
    }

    /** A tag as the engine lists it: Docker Hub's official images without {@code docker.io/library/}, {@code latest} when untagged. */
    static String normalized(String reference) {
        String name = reference;
        int slash = name.lastIndexOf('/');
        if (name.lastIndexOf(':') <= slash) {
            name = name + ":latest";
        }
        for (String hub : new String[] {"index.docker.io/", "docker.io/"}) {
            if (name.startsWith(hub)) {
                name = name.substring(hub.length());
            }
        }
        return name.startsWith("library/") ? name.substring("library/".length()) : name;
    }
}
