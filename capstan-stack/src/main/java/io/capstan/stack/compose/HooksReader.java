package io.capstan.stack.compose;

import io.capstan.core.error.ConfigException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads a service's {@code post_start} and {@code pre_stop}: lists of {@code {command, user, privileged, working_dir, environment}}. */
final class HooksReader {
    private static final Set<String> KEYS = Set.of("command", "user", "privileged", "working_dir", "environment");

    private final ComposeValues values;
    private final List<String> warnings;

    HooksReader(ComposeValues values, List<String> warnings) {
        this.values = values;
        this.warnings = warnings;
    }

    Hook.Hooks read(Map<String, Object> s, String at) {
        if (!s.containsKey("post_start") && !s.containsKey("pre_stop")) {
            return Hook.Hooks.NONE;
        }
        return new Hook.Hooks(hooks(s.get("post_start"), at + ".post_start"), hooks(s.get("pre_stop"), at + ".pre_stop"));
    }

    private List<Hook> hooks(Object value, String at) {
        List<Hook> hooks = new ArrayList<>();
        List<?> entries = values.list(value, at);
        for (int i = 0; i < entries.size(); i++) {
            String entryAt = at + "[" + i + "]";
            Map<String, Object> h = values.mapping(entries.get(i), entryAt);
            h.keySet().stream().filter(k -> !KEYS.contains(k) && !k.startsWith("x-")).forEach(k -> warnings.add(
                    values.where(entryAt + "." + k) + "hook key '" + k + "' is not supported and is ignored"));
            Object command = h.get("command");
            if (command == null) {
                throw new ConfigException(values.where(entryAt) + ComposeValues.lastKey(at) + " hook needs a command");
            }
            List<String> argv = command instanceof String line ? values.parse(entryAt + ".command", () -> ShellWords.split(line))
                    : values.strings(command, entryAt + ".command");
            if (argv.isEmpty()) {
                throw new ConfigException(values.where(entryAt + ".command") + ComposeValues.lastKey(at)
                        + " hook needs a command, found an empty one");
            }
            Map<String, String> environment = new LinkedHashMap<>();
            ComposeMerge.keyed(h.get("environment"), "=").forEach((k, v) -> environment.put(k,
                    v == null ? "" : values.scalarText(v, entryAt + ".environment." + k)));
            hooks.add(new Hook(argv, values.string(h.get("user"), entryAt + ".user", null),
                    values.bool(h.get("privileged"), entryAt + ".privileged"),
                    values.string(h.get("working_dir"), entryAt + ".working_dir", null), environment));
        }
        return hooks;
    }
}
