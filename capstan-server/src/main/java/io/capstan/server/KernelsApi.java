package io.capstan.server;

import io.capstan.core.engine.ContainerEngine;
import io.capstan.kernels.launch.KernelContainers;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /kernels}: the Jupyter kernels Capstan runs on the engine, as {@code capstan kernel ls} lists them. */
final class KernelsApi {
    private final RecentListing<List<KernelContainers.Kernel>> kernels;

    KernelsApi(ContainerEngine engine) {
        this.kernels = new RecentListing<>(() -> new KernelContainers(engine).list());
    }

    /** A kernel's container changed: the next listing asks the engine. */
    void changed() {
        kernels.forget();
    }

    Route route() {
        return new Route(HandlerType.GET, "/kernels", "The Jupyter kernels Capstan runs (containers labelled "
                + "component=kernel, app=capstan and Capstan's owner label), newest first", this::list, Map.of(), null,
                Map.of(200, "{kernels: [{user, kernel_id, image, state, created, age_seconds, container}], total}"));
    }

    private void list(Context ctx) {
        Instant now = Instant.now();
        var kernels = this.kernels.get().stream().map(k -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("user", k.user());
            m.put("kernel_id", k.kernelId());
            m.put("image", k.image());
            m.put("state", k.state());
            m.put("created", k.created());
            m.put("age_seconds", k.created() == null ? null : Math.max(0, Duration.between(k.created(), now).toSeconds()));
            m.put("container", k.container());
            return m;
        }).toList();
        Responses.json(ctx, 200, Map.of("kernels", kernels, "total", kernels.size()));
    }
}
