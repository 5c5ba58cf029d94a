package io.capstan.core.engine;

/** The size of a terminal, in character cells. */
public record TerminalSize(int rows, int columns) {
    public TerminalSize {
        if (rows <= 0 || columns <= 0) {
            throw new IllegalArgumentException("a terminal needs at least one row and one column, not " + rows + "x" + columns);
        }
    }
}
