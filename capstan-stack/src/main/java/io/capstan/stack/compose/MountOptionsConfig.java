package io.capstan.stack.compose;

import io.capstan.core.spec.Mount;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A mount's options as {@code config} prints them: the long syntax's {@code bind}, {@code volume}, {@code tmpfs}. */
final class MountOptionsConfig {
    private MountOptionsConfig() {
    }

    static Map<String, Object> of(Mount mount) {
        Mount.Options o = mount.options();
        Map<String, Object> out = new LinkedHashMap<>();
        Map<String, Object> options = new LinkedHashMap<>();
        switch (mount.type()) {
            case BIND -> {
                ComposeConfig.putIfPresent(options, "propagation", o.propagation());
                ComposeConfig.putIfPresent(options, "selinux", o.selinux());
            }
            case VOLUME -> {
                ComposeConfig.putIfPresent(options, "nocopy", o.noCopy() ? true : null);
                ComposeConfig.putIfPresent(options, "subpath", o.subpath());
            }
            case TMPFS -> {
                ComposeConfig.putIfPresent(options, "size", o.tmpfsSize());
                ComposeConfig.putIfPresent(options, "mode", o.tmpfsMode() == null ? null : Integer.toOctalString(o.tmpfsMode()));
            }
        }
        if (!options.isEmpty()) {
            out.put(mount.type().name().toLowerCase(Locale.ROOT), options);
        }
        return out;
    }
}
