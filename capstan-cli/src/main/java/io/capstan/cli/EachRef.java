package io.capstan.cli;

import io.capstan.core.error.CapstanException;
import io.capstan.core.error.EngineUnavailableException;

import java.util.List;
import java.util.function.Consumer;

/**
 * Runs an action on each named object the way docker does: print the name when it worked, print the error and
 * go on when it did not, and fail the command if any one failed.
 */
final class EachRef {
    private EachRef() {
    }

    static int apply(Cli cli, List<String> refs, Consumer<String> action) {
        int code = 0;
        for (String ref : refs) {
            try {
                action.accept(ref);
                cli.out().println(ref);
            } catch (EngineUnavailableException e) {
                throw e; // the same for every name: say it once
            } catch (CapstanException e) {
                cli.err().println("capstan: " + e.getMessage());
                code = Main.FAILED;
            }
        }
        cli.out().flush();
        return code;
    }
}
