package io.capstan.core.error;

/** A container, image, network or volume that the request named does not exist (or is not Capstan's). */
public final class NotFoundException extends CapstanException {
    private final String kind;
    private final String reference;

    public NotFoundException(String kind, String reference, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.reference = reference;
    }

    public NotFoundException(String kind, String reference) {
        this(kind, reference, kind + " '" + reference + "' not found", null);
    }

    public String kind() {
        return kind;
    }

    public String reference() {
        return reference;
    }
}
