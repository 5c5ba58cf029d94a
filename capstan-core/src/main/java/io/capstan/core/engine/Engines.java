package io.capstan.core.engine;

import io.capstan.core.error.CapstanException;
import io.capstan.core.error.ConfigException;
import io.capstan.core.error.EngineUnavailableException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The one way commands, the control plane and the kernels launcher get an engine: the installed
 * {@link EngineProvider}s, asked highest priority first; the first engine that answers wins.
 */
public final class Engines {
    private final List<EngineProvider> providers;

    private Engines(List<EngineProvider> providers) {
        this.providers = providers.stream()
                .sorted(Comparator.comparingInt(EngineProvider::priority).reversed()
                        .thenComparing(EngineProvider::name))
                .toList();
    }

    /** The providers on the class path. */
    public static Engines discover() {
        List<EngineProvider> found = new ArrayList<>();
        ServiceLoader.load(EngineProvider.class, Engines.class.getClassLoader()).forEach(found::add);
        return new Engines(found);
    }

    public static Engines of(EngineProvider... providers) {
        return new Engines(List.of(providers));
    }

    /** Highest priority first. */
    public List<EngineProvider> providers() {
        return providers;
    }

    /** The installed provider of this type, for what only that kind of engine does (starting it, say). */
    public <T extends EngineProvider> Optional<T> provider(Class<T> type) {
        return providers.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    /**
     * Connects to the first engine that answers.
     *
     * @param endpoint the {@code --engine} value, or null to discover one
     * @throws CapstanException with the one provider's own message, or every provider's when several were asked
     */
    public ContainerEngine locate(String endpoint) {
        if (providers.isEmpty()) {
            throw new EngineUnavailableException("no container engine support is installed: Capstan's class path "
                    + "has no engine provider (capstan-docker provides Docker and Podman)");
        }
        List<CapstanException> failures = new ArrayList<>();
        for (EngineProvider provider : providers) {
            try {
                return provider.locate(endpoint);
            } catch (CapstanException e) {
                failures.add(e);
            }
        }
        if (failures.size() == 1) {
            throw failures.getFirst();
        }
        List<String> reasons = new ArrayList<>();
        for (int i = 0; i < failures.size(); i++) {
            reasons.add(providers.get(i).name() + ": " + failures.get(i).getMessage());
        }
        String message = String.join("; ", reasons);
        throw failures.stream().allMatch(ConfigException.class::isInstance)
                ? new ConfigException(message)
                : new EngineUnavailableException(message);
    }
}
