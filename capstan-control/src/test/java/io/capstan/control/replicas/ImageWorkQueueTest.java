package io.capstan.control.replicas;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The per-image work queue of the reconciler and of the workload-target replicas. */
class ImageWorkQueueTest {
    private static final Duration GUARD = Duration.ofSeconds(20);

    private final List<String> reported = new CopyOnWriteArrayList<>();
    private ImageWorkQueue queue;

    private ImageWorkQueue queue(Function<String, ImageWorkQueue.Pass> pass) {
        queue = new ImageWorkQueue("image-work-queue-test", image -> !image.equals("unwanted"), pass,
                (image, e) -> reported.add(image + ": " + e.getMessage()));
        return queue;
    }

    @AfterEach
    void close() {
        queue.close();
    }

    @Test
    void triggersWhileAPassRunsFoldIntoOneMorePass() throws Exception {
        AtomicInteger passes = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        queue(image -> {
            if (passes.incrementAndGet() == 1) {
                waitFor(release);
            }
            return ImageWorkQueue.Pass.DONE;
        });
        queue.trigger("web");
        await().atMost(GUARD).until(() -> passes.get() == 1);
        for (int i = 0; i < 20; i++) {
            queue.trigger("web");
        }
        release.countDown();
        await().atMost(GUARD).until(() -> passes.get() == 2);

        queue.close(); // lets whatever was queued finish
        assertThat(passes).hasValue(2);
    }

    @Test
    void exclusiveNeverRunsBesideAPassOverTheSameImage() throws Exception {
        List<String> order = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        queue(image -> {
            order.add("pass begins");
            waitFor(release);
            order.add("pass ends");
            return ImageWorkQueue.Pass.DONE;
        });
        queue.trigger("web");
        await().atMost(GUARD).until(() -> order.contains("pass begins"));
        Thread change = Thread.ofVirtual().start(() -> queue.exclusive("web", () -> order.add("change")));
        assertThat(queue.exclusive("db", () -> "another image is not held up")).isNotNull();
        release.countDown();
        change.join(GUARD);

        assertThat(order).containsExactly("pass begins", "pass ends", "change");
    }

    @Test
    void aFailingPassIsRetriedAndTheSameFailureReportedOnce() {
        AtomicInteger passes = new AtomicInteger();
        queue(image -> {
            if (passes.incrementAndGet() <= 2) {
                throw new IllegalStateException("engine busy");
            }
            return ImageWorkQueue.Pass.DONE;
        });
        queue.trigger("web");

        await().atMost(GUARD).until(() -> passes.get() == 3);
        assertThat(reported).containsExactly("web: engine busy");
    }

    @Test
    void aPassThatAsksForAnotherGetsItAndUnwantedImagesGetNone() {
        List<String> passes = new CopyOnWriteArrayList<>();
        queue(image -> {
            passes.add(image);
            return passes.size() == 1 ? ImageWorkQueue.Pass.AGAIN : ImageWorkQueue.Pass.DONE;
        });
        queue.trigger("unwanted");
        queue.trigger("web");

        await().atMost(GUARD).until(() -> passes.size() == 2);
        queue.close();
        queue.trigger("web");
        assertThat(passes).containsExactly("web", "web");
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            assertThat(latch.await(GUARD.toSeconds(), TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
