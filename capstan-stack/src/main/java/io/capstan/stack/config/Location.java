package io.capstan.stack.config;

/** A place in a file, for messages: {@code src/framework/config.yml:12}. */
public record Location(String file, int line) {
    @Override
    public String toString() {
        return line > 0 ? file + ":" + line : file;
    }
}
