package io.capstan.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import io.capstan.core.engine.Subscription;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A stream the engine is slow to start is read to its end, however its end is waited for. */
class CallbackSubscriptionTest {
    private final DockerErrors errors = new DockerErrors("unix:///var/run/docker.sock");
    private final List<String> read = new CopyOnWriteArrayList<>();
    private final ResultCallback.Adapter<String> callback = new ResultCallback.Adapter<>() {
        @Override
        public void onNext(String line) {
            read.add(line);
        }
    };

    /** An engine that answers after {@code delay} and then sends {@code lines}, each when {@code next} allows. */
    private static Thread engine(ResultCallback<String> to, Duration delay, List<String> lines, CountDownLatch next) {
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(delay.toMillis());
                to.onStart(() -> { });
                for (String line : lines) {
                    next.await(10, TimeUnit.SECONDS);
                    to.onNext(line);
                }
                to.onComplete();
            } catch (InterruptedException e) {
                to.onError(e);
            }
        });
        t.start();
        return t;
    }

    @Test
    void aStreamTheEngineStartsLateIsReadToItsEnd() throws Exception {
        CountDownLatch next = new CountDownLatch(0);
        Subscription s = CallbackSubscription.start(errors, "service", "web", callback,
                to -> engine(to, Duration.ofMillis(200), List.of("hi 1", "hi 2", "hi 3"), next));
        assertThat(s.awaitCompletion(Duration.ofSeconds(10))).isTrue();
        assertThat(read).containsExactly("hi 1", "hi 2", "hi 3");
    }

    @Test
    void waitingForTheEndAWhileLeavesTheStreamOpen() throws Exception {
        CountDownLatch next = new CountDownLatch(1);
        try (Subscription s = CallbackSubscription.start(errors, "container", "web", callback,
                to -> engine(to, Duration.ZERO, List.of("later"), next))) {
            assertThat(s.awaitCompletion(Duration.ofMillis(50))).isFalse();
            next.countDown();
            assertThat(s.awaitCompletion(Duration.ofSeconds(10))).isTrue();
            assertThat(read).containsExactly("later");
        }
    }

    @Test
    void aRefusedStreamIsOneLineAtTheStart() {
        assertThatThrownBy(() -> CallbackSubscription.start(errors, "container", "gone", callback,
                to -> new Thread(() -> to.onError(new NotFoundException("No such container: gone"))).start()))
                .isInstanceOf(io.capstan.core.error.NotFoundException.class).hasMessageContaining("gone");
    }
}
