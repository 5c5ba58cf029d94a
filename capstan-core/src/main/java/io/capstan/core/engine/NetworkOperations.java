package io.capstan.core.engine;

import io.capstan.core.model.NetworkInfo;
import io.capstan.core.spec.NetworkSpec;

import java.util.List;
import java.util.Map;

public interface NetworkOperations {

    NetworkInfo create(NetworkSpec spec);

    /** Removes a network; a network still in use is a {@link io.capstan.core.error.ConflictException}. */
    void remove(String ref);

    /** Networks carrying every one of {@code labels} (all networks when empty). */
    List<NetworkInfo> list(Map<String, String> labels);

    NetworkInfo inspect(String ref);

    /** Attaches a container; other containers on the network reach it by its name. */
    void connect(String network, String container);

    void disconnect(String network, String container, boolean force);
}
