package io.capstan.control.managed;

import io.capstan.core.error.CapstanException;

/**
 * What happened to one container in a request that acts on several.
 *
 * @param action what was done: {@code created}, {@code started}, {@code stopped}, {@code updated}, or what was
 *               tried when it failed
 * @param cause  why it failed, null when it worked
 */
public record Outcome(String id, String name, String action, boolean ok, String status, CapstanException cause) {

    public static Outcome done(ManagedContainer c, String action) {
        return new Outcome(c.id(), c.name(), action, true, c.status(), null);
    }

    public static Outcome failed(String id, String name, String action, CapstanException cause) {
        return new Outcome(id, name, action, false, null, cause);
    }
}
