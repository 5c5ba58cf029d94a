package io.capstan.stack.run;

/** The sentence a failure is shown with in progress lines and errors. */
final class FailureText {
    private FailureText() {
    }

    static String of(Throwable t) {
        return t.getMessage() == null ? "an unexpected error (--debug shows it)" : t.getMessage();
    }
}
