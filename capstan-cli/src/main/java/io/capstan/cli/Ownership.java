package io.capstan.cli;

import io.capstan.core.error.NotFoundException;
import io.capstan.core.label.Labels;

import java.util.Map;

/** Capstan changes only what it created: objects carrying {@link Labels#OWNER}. */
final class Ownership {
    private Ownership() {
    }

    static void require(String kind, String ref, Map<String, String> labels) {
        if (!Labels.isOwned(labels)) {
            throw new NotFoundException(kind, ref, kind + " '" + ref + "' was not created by Capstan (no "
                    + Labels.OWNER + " label), so Capstan leaves it alone; manage it with the tool that created it", null);
        }
    }
}
