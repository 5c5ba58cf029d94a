package io.capstan.control.store;

/** An event from the engine's stream and its key, the engine's identity of it (see {@link Store#recordEngineEvent}). */
public record KeyedEvent(EventRecord event, String key) {
}
