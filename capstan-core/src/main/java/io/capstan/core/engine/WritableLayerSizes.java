package io.capstan.core.engine;

import java.util.Map;

/** A capability: how much each container wrote to its own filesystem layer. */
public interface WritableLayerSizes {

    /**
     * Bytes in the writable layer of each container carrying {@code labels} (an empty value matches any value), by
     * id; a container whose size the engine does not report is absent. The engine walks each layer to answer.
     */
    Map<String, Long> writableLayerSizes(Map<String, String> labels);
}
