package io.capstan.control.health;

import io.capstan.control.managed.ManagedContainers;
import io.capstan.control.managed.ManagedState;
import io.capstan.control.store.Store;
import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.ContainerOperations;
import io.capstan.core.error.EngineException;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class HealthMonitorListenersTest {

    @Test
    void everyListenerHearsEachCycleEvenWhenAnEarlierOneFails() throws InterruptedException {
        CountDownLatch autoscaler = new CountDownLatch(2);
        CountDownLatch dashboard = new CountDownLatch(2);
        try (HealthMonitor monitor = new HealthMonitor(new ManagedContainers(engineThatRefuses(), new ManagedState("node-1")),
                storeThatKeepsNothing(), HealthRule.DEFAULT, "node-1", Duration.ofHours(1))) {
            monitor.afterEachCycle(samples -> {
                autoscaler.countDown();
                throw new IllegalStateException("this listener fails");
            });
            monitor.afterEachCycle(samples -> dashboard.countDown());
            monitor.every(Duration.ofMillis(20));

            assertThat(autoscaler.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(dashboard.await(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** No managed containers: the only engine call of a cycle is the writable-layer sizes, which it may refuse. */
    private static ContainerEngine engineThatRefuses() {
        ContainerOperations containers = proxy(ContainerOperations.class, null);
        return proxy(ContainerEngine.class, containers);
    }

    private static Store storeThatKeepsNothing() {
        return (Store) Proxy.newProxyInstance(Store.class.getClassLoader(), new Class<?>[]{Store.class},
                (p, method, args) -> switch (method.getName()) {
                    case "recordHealth" -> args[0];
                    case "pruneHealth" -> 0;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Object containers) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (p, method, args) -> {
            if (method.getName().equals("containers") && containers != null) {
                return containers;
            }
            throw new EngineException("no engine in this test");
        });
    }
}
