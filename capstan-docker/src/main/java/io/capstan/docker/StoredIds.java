package io.capstan.docker;

import com.github.dockerjava.api.model.ContainerSpec;
import com.github.dockerjava.api.model.ServiceSpec;
import io.capstan.core.error.NotFoundException;

import java.util.Map;
import java.util.function.Supplier;

/** The engine takes a service's secrets and configs by id as well as by name: fills in the ids of the names. */
final class StoredIds {
    private StoredIds() {
    }

    static ServiceSpec fill(ServiceSpec spec, Supplier<Map<String, String>> secretIds, Supplier<Map<String, String>> configIds) {
        ContainerSpec container = spec.getTaskTemplate().getContainerSpec();
        if (container.getSecrets() != null && !container.getSecrets().isEmpty()) {
            Map<String, String> ids = secretIds.get();
            container.getSecrets().forEach(s -> s.withSecretId(id(ids, "secret", s.getSecretName(), spec.getName())));
        }
        if (container.getConfigs() != null && !container.getConfigs().isEmpty()) {
            Map<String, String> ids = configIds.get();
            container.getConfigs().forEach(c -> c.withConfigID(id(ids, "config", c.getConfigName(), spec.getName())));
        }
        return spec;
    }

    private static String id(Map<String, String> ids, String kind, String name, String service) {
        String id = ids.get(name);
        if (id == null) {
            throw new NotFoundException(kind, name, "service '" + service + "': " + kind + " '" + name
                    + "' not found: create it first (capstan swarm " + kind + " create " + name + " FILE)", null);
        }
        return id;
    }
}
