package io.capstan.control.managed;

import io.capstan.core.error.CapstanException;
import io.capstan.core.error.ConfigException;
import io.capstan.core.error.ConflictException;
import io.capstan.core.error.EngineException;
import io.capstan.core.error.EngineUnavailableException;
import io.capstan.core.error.InvalidSpecException;
import io.capstan.core.error.NotFoundException;

import java.util.function.Supplier;

/**
 * The engine's errors about a managed container, with the container's name where they said its 64-hex id: people
 * read the name in every listing, and the API's answers carry the id beside it anyway.
 */
final class ByName {
    private ByName() {
    }

    static <T> T call(String id, String name, Supplier<T> operation) {
        try {
            return operation.get();
        } catch (CapstanException e) {
            throw named(e, id, name);
        }
    }

    static CapstanException named(CapstanException e, String id, String name) {
        String message = e.getMessage();
        if (id == null || name == null || name.isEmpty() || message == null || !message.contains(id)) {
            return e;
        }
        String said = message.replace(id, name);
        return switch (e) {
            case NotFoundException n -> new NotFoundException(n.kind(), n.reference(), said, e);
            case ConflictException c -> new ConflictException(said, e);
            case InvalidSpecException i -> new InvalidSpecException(said, e);
            case ConfigException c -> new ConfigException(said, e);
            case EngineUnavailableException u -> new EngineUnavailableException(said, e);
            case EngineException x -> new EngineException(said, e);
        };
    }
}
