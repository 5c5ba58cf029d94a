package io.capstan.stack.run;

import io.capstan.core.error.NotFoundException;

/** Removals where an object already gone is what was wanted. */
final class NotFoundIgnored {
    private NotFoundIgnored() {
    }

    static void run(Runnable action) {
        try {
            action.run();
        } catch (NotFoundException gone) {
            // already removed: that is what was wanted
        }
    }
}
