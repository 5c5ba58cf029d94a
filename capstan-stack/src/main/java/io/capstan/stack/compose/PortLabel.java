package io.capstan.stack.compose;

/**
 * What the long port syntax says about a port beyond publishing it: {@code name} and {@code app_protocol}. The
 * engine has no use for them; {@code config} prints them.
 */
public record PortLabel(String name, String appProtocol) {
}
