package io.capstan.kubernetes;

import io.capstan.core.error.InvalidSpecException;

import java.util.regex.Pattern;

/** Kubernetes object names (DNS-1123 labels), checked before the request so the message can say what is expected. */
final class Names {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private Names() {
    }

    /** A namespace, service, deployment or pod name: lower-case letters, digits and '-', at most 63. */
    static String check(String kind, String name) {
        if (name == null || name.length() > 63 || !LABEL.matcher(name).matches()) {
            throw new InvalidSpecException("invalid " + kind + " name '" + name + "': expected at most 63 lower-case "
                    + "letters, digits and '-', starting and ending with a letter or digit");
        }
        return name;
    }

    /** A DNS name such as an ExternalName service's. */
    static String checkDnsName(String what, String name) {
        if (name == null || name.length() > 253 || !SUBDOMAIN.matcher(name).matches()) {
            throw new InvalidSpecException("invalid " + what + " '" + name + "': expected a lower-case DNS name such as "
                    + "db.example.com");
        }
        return name;
    }
}
