package io.capstan.stack.config;

/**
 * A secret the flattened config keeps as a reference: at {@code keyPath} it says {@code ${variable}} where
 * templates see the variable's value.
 */
public record SecretReference(String keyPath, String variable) {
}
