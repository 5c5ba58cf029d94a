package io.capstan.control.managed;

import io.capstan.core.text.OneLine;

/**
 * A request field with a value the control plane cannot use; the API answers 422 naming {@link #field()}. Like a
 * {@code CapstanException}'s, its message stays one line whatever value it quotes.
 *
 * @see #in() where the field is: {@code body} (the default), {@code query} or {@code header}
 */
public final class InvalidRequestException extends RuntimeException {
    private final String field;
    private final String in;
    private final String type;
    private final String reason;

    public InvalidRequestException(String field, String message) {
        this(field, message, "body", message.startsWith("required") ? "missing" : "value_error");
    }

    private InvalidRequestException(String field, String message, String in, String type) {
        super(OneLine.of(field + ": " + message));
        this.field = OneLine.of(field);
        this.in = in;
        this.type = type;
        this.reason = OneLine.of(message);
    }

    /** A query parameter with a value that cannot be used. */
    public static InvalidRequestException query(String name, String message) {
        return new InvalidRequestException(name, message, "query", "value_error");
    }

    /** A body field the route does not know (FastAPI's {@code extra_forbidden}), such as a misspelt name. */
    public static InvalidRequestException unknown(String field, String message) {
        return new InvalidRequestException(field, message, "body", "extra_forbidden");
    }

    /** A request header with a value that cannot be used. */
    public static InvalidRequestException header(String name, String message) {
        return new InvalidRequestException(name, message, "header", "value_error");
    }

    /** A body that is not JSON at all. */
    public static InvalidRequestException malformed(String message) {
        return new InvalidRequestException("body", message, "body", "json_invalid");
    }

    public String field() {
        return field;
    }

    /** What is wrong, without the field's name. */
    public String reason() {
        return reason;
    }

    /** {@code body}, {@code query} or {@code header}. */
    public String in() {
        return in;
    }

    /** What kind of problem, in the words FastAPI clients know: {@code missing}, {@code json_invalid}, {@code value_error}, {@code extra_forbidden}. */
    public String type() {
        return type;
    }
}
