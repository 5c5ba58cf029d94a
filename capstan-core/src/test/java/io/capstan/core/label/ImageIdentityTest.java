package io.capstan.core.label;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class ImageIdentityTest {
    /** Kubernetes' rule for a label value. */
    private static final Pattern KUBERNETES_LABEL_VALUE = Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");
    private static final String IMAGE = "registry.example.com:5000/team/web-frontend:2.4.1-alpine";

    @Test
    void theHashIsAValidKubernetesLabelValueWhereTheImageIsNot() {
        String hash = ImageIdentity.hash(IMAGE);

        assertThat(hash).hasSizeLessThanOrEqualTo(63).matches(KUBERNETES_LABEL_VALUE);
        assertThat(IMAGE).doesNotMatch(KUBERNETES_LABEL_VALUE);
    }

    @Test
    void theHashIsPinnedBecauseContainersAndSelectorsCarryItAcrossUpgrades() {
        assertThat(ImageIdentity.hash("nginx:alpine")).isEqualTo("83075afea33660ca");
        assertThat(ImageIdentity.hash(IMAGE)).isNotEqualTo(ImageIdentity.hash(IMAGE.replace("2.4.1", "2.4.2")));
    }

    @Test
    void thePairNamesTheImage() {
        assertThat(ImageIdentity.imageOf(ImageIdentity.labels(IMAGE))).contains(IMAGE);
    }

    @Test
    void aContainerWithOnlyTheSeedsLabelStillNamesItsImage() {
        assertThat(ImageIdentity.imageOf(Map.of(Labels.MANAGED_BY, "nginx:alpine"))).contains("nginx:alpine");
    }

    @Test
    void aPairWhoseHashDoesNotMatchItsImageIsNotBelieved() {
        var edited = Map.of(Labels.MANAGED_IMAGE, "nginx:alpine", Labels.MANAGED_IMAGE_HASH, ImageIdentity.hash("redis:7"));

        assertThat(ImageIdentity.imageOf(edited)).isEmpty();
        assertThat(ImageIdentity.imageOf(Map.of(Labels.OWNER, "true"))).isEmpty();
    }
}
