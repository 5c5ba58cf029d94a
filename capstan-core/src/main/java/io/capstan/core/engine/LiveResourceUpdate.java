package io.capstan.core.engine;

import io.capstan.core.spec.Resources;

/** A capability: CPU and memory limits changed on an existing container, without replacing it. */
public interface LiveResourceUpdate {

    /** Changes CPU and memory limits of a container, running or not; a zero field leaves that limit as it is. */
    void update(String ref, Resources resources);
}
