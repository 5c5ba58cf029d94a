package io.capstan.stack.discovery;

import io.capstan.stack.config.Location;

import java.util.Map;

/**
 * A service named in {@code deployed_services}, found in the configuration.
 *
 * @param id       its full name: {@code framework.jupyter}, {@code applications.shop.api}, or a legacy short name
 * @param keyPath  where its config lives: {@code framework.services.jupyter}
 * @param config   its configuration mapping (templates see it as {@code service})
 * @param location where it was listed
 */
public record DeployedService(String id, String keyPath, Map<String, Object> config, Location location) {
}
