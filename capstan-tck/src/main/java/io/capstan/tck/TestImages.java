package io.capstan.tck;

/**
 * The locally built images the contract runs on (no registry is reachable, so the test command builds them:
 * see {@code scripts/test-images.sh}).
 */
public final class TestImages {
    /** Busybox from Debian's busybox-static, with sh, sleep, httpd, wget, true and false; CMD is {@code sh}. */
    public static final String BUSYBOX = System.getProperty("capstan.test.image", "capstan-busybox:test");

    /** {@link #BUSYBOX} with a HEALTHCHECK (every second) that passes once {@code /tmp/ready} exists. */
    public static final String BUSYBOX_HEALTHY = System.getProperty("capstan.test.image.healthy",
            "capstan-busybox-healthy:test");

    private TestImages() {
    }
}
