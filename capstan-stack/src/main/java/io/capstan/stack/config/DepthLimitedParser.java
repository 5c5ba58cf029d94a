package io.capstan.stack.config;

import io.capstan.core.error.ConfigException;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.parser.Parser;

/**
 * Refuses YAML nested deeper than {@link #MAX_DEPTH}: snakeyaml-engine composes nodes recursively and has no depth
 * limit of its own, so ten thousand {@code [} would overflow the stack. Counting the parser's start and end events
 * costs nothing on real files.
 */
final class DepthLimitedParser implements Parser {
    /** Real configuration nests a dozen levels; compose files about ten. */
    static final int MAX_DEPTH = 200;

    private final Parser parser;
    private final String file;
    private int depth;

    DepthLimitedParser(Parser parser, String file) {
        this.parser = parser;
        this.file = file;
    }

    @Override
    public boolean checkEvent(Event.ID id) {
        return parser.checkEvent(id);
    }

    @Override
    public Event peekEvent() {
        return parser.peekEvent();
    }

    @Override
    public boolean hasNext() {
        return parser.hasNext();
    }

    @Override
    public Event next() {
        Event event = parser.next();
        switch (event.getEventId()) {
            case MappingStart, SequenceStart -> {
                if (++depth > MAX_DEPTH) {
                    String line = event.getStartMark().map(m -> ":" + (m.getLine() + 1)).orElse("");
                    throw new ConfigException(file + line + ": invalid YAML: nested more than " + MAX_DEPTH
                            + " levels deep: refusing to read it");
                }
            }
            case MappingEnd, SequenceEnd -> depth--;
            default -> {
            }
        }
        return event;
    }
}
