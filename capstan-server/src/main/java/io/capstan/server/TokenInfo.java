package io.capstan.server;

import java.time.Instant;

/**
 * A token as {@code capstan token ls} shows it: never the token itself.
 *
 * @param id       what {@code capstan token revoke} takes ({@code admin} for the admin token)
 * @param role     what it may do
 * @param created  when it was made (null when its file does not say)
 * @param lastUsed when a server last accepted it (null: never, or not since last-use records began)
 */
public record TokenInfo(String id, Tokens.Role role, Instant created, Instant lastUsed) {
}
