package io.capstan.control.replicas;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InParallelTest {

    @Test
    void everyCallRunsWhileTheOthersRun() {
        // Each call waits until all have begun: one after another, none would ever see the others.
        List<Integer> items = IntStream.range(0, 200).boxed().toList();
        CountDownLatch begun = new CountDownLatch(items.size());
        Set<Integer> sawAllBegun = ConcurrentHashMap.newKeySet();
        InParallel.each(items, i -> {
            begun.countDown();
            try {
                if (begun.await(30, TimeUnit.SECONDS)) {
                    sawAllBegun.add(i);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(sawAllBegun).hasSize(items.size());
    }

    @Test
    void aFailureIsThrownOnceEveryItemWasTried() {
        Set<Integer> tried = ConcurrentHashMap.newKeySet();
        assertThatThrownBy(() -> InParallel.each(List.of(1, 2, 3, 4), i -> {
            tried.add(i);
            if (i == 2) {
                throw new IllegalStateException("container 2 is gone");
            }
        })).hasMessage("container 2 is gone");
        assertThat(tried).containsExactlyInAnyOrder(1, 2, 3, 4);
    }
}
