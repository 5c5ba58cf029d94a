package io.capstan.core.fuzz;

import io.capstan.core.error.CapstanException;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The property every parser holds on hostile input: a result, or one line for a person; never a crash or a hang.
 * A copy of capstan-tck's.
 */
public final class UserErrors {
    private static final Duration BOUND = Duration.ofSeconds(5);
    private static final Pattern JAVA_CLASS = Pattern.compile(
            "\\b(?:java|javax|jdk|sun|io\\.capstan|org\\.snakeyaml|com\\.hubspot|com\\.fasterxml|io\\.javalin)\\.[\\w.$]+");

    private UserErrors() {
    }

    public static void resultOrOneLine(Callable<?> parse) {
        resultOrOneLine(parse, CapstanException.class);
    }

    public static void resultOrOneLine(Callable<?> parse, Class<? extends RuntimeException> userError) {
        Throwable thrown = assertTimeoutPreemptively(BOUND, () -> {
            try {
                parse.call();
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        if (thrown == null) {
            return;
        }
        assertThat(thrown).as("only a user-facing error may leave a parser").isInstanceOf(userError);
        assertOneLine(thrown.getMessage());
    }

    /** One line, no stack trace, no Java class name (but for inside the quoted value a user wrote). */
    public static void assertOneLine(String message) {
        assertThat(message).as("error message").isNotBlank().doesNotContain("\n", "\r", "\tat ", "Exception:");
        assertThat(message.replaceAll("'.*'", "'...'")).as("error message without the quoted value")
                .doesNotContainPattern(JAVA_CLASS);
    }
}
