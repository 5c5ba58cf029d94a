package io.capstan.stack.render;

import io.capstan.stack.config.StackConfig;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What templates see: every top-level key of the merged configuration as a variable, plus {@code project_root}
 * (as configured, default the project directory) and {@code build_dir} (an absolute path), and for a service's
 * templates its own settings as {@code service}.
 */
public final class TemplateContext {
    private TemplateContext() {
    }

    public static Map<String, Object> root(StackConfig config) {
        Map<String, Object> context = new LinkedHashMap<>(config.values());
        context.put("project_root", config.projectRoot());
        context.put("build_dir", config.buildDir().toString());
        return context;
    }

    public static Map<String, Object> service(Map<String, Object> root, Map<String, Object> service) {
        Map<String, Object> context = new LinkedHashMap<>(root);
        context.put("service", service);
        return context;
    }
}
