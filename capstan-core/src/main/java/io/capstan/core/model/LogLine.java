package io.capstan.core.model;

/** One line a container wrote, without its trailing newline. */
public record LogLine(Stream stream, String text) {
    public enum Stream { STDOUT, STDERR }
}
