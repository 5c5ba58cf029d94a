package io.capstan.core.text;

/**
 * Keeps a message for a person on one readable line whatever it quotes: line breaks and other control characters
 * in a user's value are shown escaped ({@code \n}, {@code \t}, a {@code u}-escape for the rest), and a message
 * quoting a huge value is cut.
 */
public final class OneLine {
    static final int MAX_LENGTH = 1_000;

    private OneLine() {
    }

    public static String of(String message) {
        if (message == null) {
            return null;
        }
        StringBuilder line = new StringBuilder(Math.min(message.length(), MAX_LENGTH) + 32);
        int i = 0;
        for (; i < message.length() && line.length() < MAX_LENGTH; i++) {
            char c = message.charAt(i);
            switch (c) {
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                        line.append(String.format("\\u%04x", (int) c));
                    } else {
                        line.append(c);
                    }
                }
            }
        }
        if (i < message.length()) {
            line.append("... (").append(message.length()).append(" characters)");
        }
        return line.toString();
    }
}
