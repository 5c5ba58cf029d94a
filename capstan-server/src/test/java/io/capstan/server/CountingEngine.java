package io.capstan.server;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.core.engine.NetworkAliases;
import io.capstan.core.engine.RootfsImport;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine SPI with every call counted by name ({@code info}, {@code images.list}, {@code containers.stats}, ...),
 * and apart, those made while the server handles a request (the reconciler and the event follower work on their own
 * threads meanwhile); and a call that can be made to fail as a bug would, to see what the API answers then.
 */
final class CountingEngine {
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> byRequests = new ConcurrentHashMap<>();
    private volatile String failing;
    private volatile RuntimeException failure;

    /** The engine, counted. */
    ContainerEngine wrap(ContainerEngine engine) {
        return proxy(ContainerEngine.class, engine, "");
    }

    /** How many times a call was made since the last {@link #reset()}: {@code "images.list"}, {@code "info"}. */
    int count(String call) {
        AtomicInteger n = calls.get(call);
        return n == null ? 0 : n.get();
    }

    /** The calls made while handling an HTTP request since the last {@link #reset()}, by name. */
    Map<String, Integer> byRequests() {
        Map<String, Integer> copy = new java.util.TreeMap<>();
        byRequests.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    void reset() {
        calls.clear();
        byRequests.clear();
    }

    /** Makes this call throw an unexpected exception, as a bug in an engine adapter would. */
    void fail(String call) {
        fail(call, new IllegalStateException("srv20-internal-detail at /var/lib/capstan-secret-path"));
    }

    /** Makes this call throw {@code failure} (an engine that fails as engines do, say). */
    void fail(String call, RuntimeException failure) {
        this.failure = failure;
        this.failing = call;
    }

    /** Whether this thread is inside the web server's request handling. */
    private static boolean handlingRequest() {
        return StackWalker.getInstance().walk(frames -> frames.anyMatch(f -> f.getClassName().startsWith("io.javalin.")));
    }

    private <T> T proxy(Class<T> type, Object target, String prefix) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type},
                (self, method, args) -> method.getName().equals("require")
                        ? InvocationHandler.invokeDefault(self, method, args) // through capability(), so counted
                        : call(target, prefix, method, args)));
    }

    private Object call(Object target, String prefix, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return method.invoke(target, args);
        }
        if (method.getName().equals("capability")) {
            return capability((Class<?>) args[0], (java.util.Optional<?>) invoke(target, method, args));
        }
        String name = prefix + method.getName();
        if (method.getParameterCount() == 0 && method.getReturnType().getSimpleName().endsWith("Operations")) {
            return proxy(method.getReturnType(), method.invoke(target), name + ".");
        }
        calls.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
        if (handlingRequest()) {
            byRequests.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
        }
        if (name.equals(failing)) {
            throw failure;
        }
        return invoke(target, method, args);
    }

    /** A capability is counted under the operations it belongs to: {@code containers.stats}, {@code images.importRootfs}. */
    private java.util.Optional<?> capability(Class<?> type, java.util.Optional<?> offered) {
        String prefix = type == RootfsImport.class ? "images." : type == NetworkAliases.class ? "networks." : "containers.";
        return offered.map(c -> proxy(type, c, prefix));
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
