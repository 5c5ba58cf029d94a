package io.capstan.orchestration;

import io.capstan.core.error.InvalidSpecException;

/** Reads port numbers from text, with a message that names the text and what was expected. */
final class Ports {
    private Ports() {
    }

    static int number(String digits, String text, String expected) {
        try {
            return Integer.parseInt(digits.strip());
        } catch (NumberFormatException e) {
            throw new InvalidSpecException("invalid port '" + text + "': expected " + expected);
        }
    }
}
