package io.capstan.control.managed;

/** A request field with a value the control plane cannot use; the API answers 400 naming {@link #field()}. */
public final class InvalidRequestException extends RuntimeException {
    private final String field;

    public InvalidRequestException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
