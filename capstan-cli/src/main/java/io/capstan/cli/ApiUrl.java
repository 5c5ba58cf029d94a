package io.capstan.cli;

import io.capstan.core.error.InvalidSpecException;

import java.net.URI;
import java.net.URISyntaxException;

/** The control plane's address as {@code --url} or {@code CAPSTAN_URL} gives it: {@code http(s)://HOST[:PORT][/]}. */
final class ApiUrl {
    private ApiUrl() {
    }

    /**
     * @param value  the address
     * @param source what gave it, for the message: {@code --url} or {@code CAPSTAN_URL}
     * @return the address, ending in {@code /}
     */
    static URI parse(String value, String source) {
        String text = value.strip();
        URI uri;
        try {
            uri = new URI(text.endsWith("/") ? text : text + "/");
        } catch (URISyntaxException e) {
            throw refused(value, source);
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || uri.getHost() == null) {
            throw refused(value, source);
        }
        return uri;
    }

    private static InvalidSpecException refused(String value, String source) {
        String hint = value.contains("://") ? "http://127.0.0.1:8000" : "http://" + value.strip();
        return new InvalidSpecException(source + " '" + value + "': expected the control plane's address as "
                + "http://HOST:PORT, such as " + hint);
    }
}
