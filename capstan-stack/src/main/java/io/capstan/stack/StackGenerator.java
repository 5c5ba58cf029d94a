package io.capstan.stack;

import io.capstan.core.error.ConfigException;
import io.capstan.stack.build.BuildPlanner;
import io.capstan.stack.build.BuildWriter;
import io.capstan.stack.build.ServicePlan;
import io.capstan.stack.config.ConfigLoader;
import io.capstan.stack.config.SecretValues;
import io.capstan.stack.config.StackConfig;
import io.capstan.stack.discovery.DeployedService;
import io.capstan.stack.discovery.ServiceResolver;
import io.capstan.stack.render.TemplateRenderer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Generates a stack's build directory from its config file: load and merge the configuration once, find the
 * deployed services, check every path, then render and copy into a fresh directory that replaces the old one.
 */
public final class StackGenerator {
    private final Map<String, String> environment;
    private final boolean lenient;

    /**
     * @param environment the process environment ({@code .env} adds to it without overriding)
     * @param lenient     render undefined template values as empty text instead of failing
     */
    public StackGenerator(Map<String, String> environment, boolean lenient) {
        this.environment = environment;
        this.lenient = lenient;
    }

    public GeneratedStack generate(Path configFile) {
        StackConfig config = new ConfigLoader(environment).load(configFile);
        // Messages name the values they are about: those of secret variables are written as ${VAR} instead.
        SecretValues secrets = SecretValues.of(config);
        List<String> warnings = new ArrayList<>(config.warnings());
        try {
            List<DeployedService> services = new ServiceResolver(config).resolve(warnings::add);
            List<ServicePlan> plans = new BuildPlanner(config).plan(services);
            BuildWriter writer = new BuildWriter(config, new TemplateRenderer(lenient));
            List<Path> composeFiles = writer.write(plans, warnings::add);
            return new GeneratedStack(config, services, composeFiles, warnings.stream().map(secrets::hide).toList(),
                    writer.origins());
        } catch (ConfigException e) {
            throw secrets.hide(e);
        }
    }
}
