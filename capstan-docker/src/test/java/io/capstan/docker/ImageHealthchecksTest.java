package io.capstan.docker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.model.Image;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What a service's image says of a healthcheck is asked of the engine once per image id, and a moved tag is seen. */
@SuppressWarnings("unchecked") // the proxied command's filter values
class ImageHealthchecksTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An engine's images as tags to ids, and which references it was asked to inspect. */
    private final Map<String, String> tags = new HashMap<>();
    private final Map<String, Boolean> healthchecks = new HashMap<>();
    private final List<String> inspected = new ArrayList<>();
    /** The reference filter of each list of the images, and of the one being made. */
    private final List<List<String>> listed = new ArrayList<>();
    private final List<String> filter = new ArrayList<>();
    private final ImageHealthchecks images = new ImageHealthchecks(client());

    private DockerClient client() {
        return (DockerClient) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DockerClient.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "listImagesCmd" -> command(method.getReturnType(), () -> {
                        listed.add(List.copyOf(filter));
                        return tags.entrySet().stream()
                                // as Docker's reference filter: docker.io/library/NAME matches nothing it lists
                                .filter(t -> filter.contains(t.getKey()))
                                .map(t -> JSON.convertValue(Map.of("Id", t.getValue(), "RepoTags", List.of(t.getKey())),
                                        Image.class))
                                .toList();
                    });
                    case "inspectImageCmd" -> command(method.getReturnType(), () -> {
                        String reference = (String) args[0];
                        inspected.add(reference);
                        // the engine knows Docker Hub's official images by their long names too
                        String id = tags.get(reference.replace("docker.io/library/", ""));
                        if (id == null) {
                            throw new com.github.dockerjava.api.exception.NotFoundException("No such image: " + reference);
                        }
                        Map<String, Object> config = healthchecks.get(id)
                                ? Map.of("Healthcheck", Map.of("Test", List.of("CMD", "true"))) : Map.of();
                        return JSON.convertValue(Map.of("Id", id, "Config", config), InspectImageResponse.class);
                    });
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private Object command(Class<?> type, java.util.function.Supplier<Object> exec) {
        return Proxy.newProxyInstance(ImageHealthchecksTest.class.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> {
                    if (method.getName().equals("exec")) {
                        return exec.get();
                    }
                    if (method.getName().equals("withFilter") && "reference".equals(args[0])) {
                        filter.clear();
                        filter.addAll((java.util.Collection<String>) args[1]);
                    }
                    return method.getReturnType().isInstance(proxy) ? proxy : null;
                });
    }

    private void image(String tag, String id, boolean healthcheck) {
        tags.put(tag, id);
        healthchecks.put(id, healthcheck);
    }

    @Test
    void eachImageIdIsInspectedOnceAndATagMovedToAnotherImageIsSeenAtTheNextReading() {
        image("web:1", "sha256:a", true);
        image("db:1", "sha256:b", false);
        for (int reading = 0; reading < 3; reading++) {
            ImageHealthchecks.Reading now = images.reading(List.of("web:1", "docker.io/library/db:1", "web:1"));
            assertThat(now.checked("web:1")).isTrue();
            assertThat(now.checked("docker.io/library/db:1")).isFalse();
        }
        assertThat(inspected).containsExactly("web:1", "docker.io/library/db:1");
        // one list a reading, of the tags it needs, named as the engine lists them
        assertThat(listed).hasSize(3).allSatisfy(f -> assertThat(f).containsExactly("db:1", "web:1"));

        // web:1 rebuilt without a healthcheck
        image("web:1", "sha256:c", false);
        assertThat(images.reading(List.of("web:1")).checked("web:1")).isFalse();
        assertThat(inspected).hasSize(3);
        // an image the engine lacks counts as none
        assertThat(images.reading(List.of("gone:1")).checked("gone:1")).isFalse();
    }

    @Test
    void aDigestPinnedImageIsAskedOfTheEngineOnce() {
        image("web@sha256:d", "sha256:d", true);
        for (int reading = 0; reading < 3; reading++) {
            assertThat(images.reading(List.of("web@sha256:d")).checked("web@sha256:d")).isTrue();
        }
        assertThat(inspected).containsExactly("web@sha256:d");
        assertThat(listed).isEmpty();
    }

    @Test
    void onlyTheMostRecentlyAskedIdsAreKept() {
        for (int i = 0; i <= ImageHealthchecks.KEPT; i++) {
            image("app:" + i, "sha256:" + i, false);
            images.reading(List.of("app:" + i)).checked("app:" + i);
        }
        inspected.clear();
        images.reading(List.of("app:0")).checked("app:0");
        assertThat(inspected).containsExactly("app:0");
        images.reading(List.of("app:" + ImageHealthchecks.KEPT)).checked("app:" + ImageHealthchecks.KEPT);
        assertThat(inspected).containsExactly("app:0");
    }

    @Test
    void aTagIsSpelledAsTheEngineListsItsImages() {
        assertThat(ImageHealthchecks.normalized("busybox")).isEqualTo("busybox:latest");
        assertThat(ImageHealthchecks.normalized("docker.io/library/busybox:1.36")).isEqualTo("busybox:1.36");
        assertThat(ImageHealthchecks.normalized("docker.io/shop/web")).isEqualTo("shop/web:latest");
        assertThat(ImageHealthchecks.normalized("registry:5000/shop/web:2")).isEqualTo("registry:5000/shop/web:2");
        assertThat(ImageHealthchecks.normalized("registry:5000/shop/web")).isEqualTo("registry:5000/shop/web:latest");
    }
}
