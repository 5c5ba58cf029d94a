package io.capstan.stack.render;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a template error message from Capstan says, in the terms the Jinja2 side of the parity test uses: its kind
 * ({@code undefined}: a value that is not there; {@code other}: an expression that cannot be worked out, such as a
 * division by zero; {@code syntax}: anything else, the template does not parse) and its line.
 *
 * @param line the line the message names after the template's name, or 0 when it names none
 */
record TemplateFailure(String kind, int line) {
    static TemplateFailure of(String templateName, String message) {
        Matcher m = Pattern.compile("^" + Pattern.quote(templateName) + ":(\\d+): (.*)$", Pattern.DOTALL)
                .matcher(message);
        if (!m.matches()) {
            return new TemplateFailure("unlocated: " + message, 0);
        }
        String text = m.group(2);
        String kind = text.startsWith("undefined value '") ? "undefined"
                : text.startsWith("error resolving ") ? "other" : "syntax";
        return new TemplateFailure(kind, Integer.parseInt(m.group(1)));
    }
}
