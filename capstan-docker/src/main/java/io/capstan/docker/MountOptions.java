package io.capstan.docker;

import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.PropagationMode;
import com.github.dockerjava.api.model.SELContext;
import com.github.dockerjava.api.model.Volume;
import io.capstan.core.error.InvalidSpecException;
import io.capstan.core.spec.Mount;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A mount's {@link Mount.Options} in the engine's bind and tmpfs forms (HostConfig.Binds and HostConfig.Tmpfs). */
final class MountOptions {
    private MountOptions() {
    }

    static Bind bind(Mount m) {
        Mount.Options o = m.options();
        if (o.subpath() != null) {
            throw new InvalidSpecException("volume subpath '" + o.subpath() + "' at " + m.target()
                    + " is not supported: mount the volume's root instead");
        }
        PropagationMode propagation = o.propagation() == null ? PropagationMode.DEFAULT_MODE
                : PropagationMode.valueOf(o.propagation().toUpperCase(Locale.ROOT));
        SELContext selinux = o.selinux() == null ? SELContext.none
                : o.selinux().equals("Z") ? SELContext.single : SELContext.shared;
        return new Bind(m.source(), new Volume(m.target()), m.readOnly() ? AccessMode.ro : AccessMode.rw, selinux,
                o.noCopy() ? Boolean.TRUE : null, propagation);
    }

    /** Docker's tmpfs options text: {@code ro}, {@code size=BYTES}, {@code mode=OCTAL}, comma-separated. */
    static String tmpfs(Mount m) {
        List<String> options = new ArrayList<>();
        if (m.readOnly()) {
            options.add("ro");
        }
        if (m.options().tmpfsSize() != null) {
            options.add("size=" + m.options().tmpfsSize());
        }
        if (m.options().tmpfsMode() != null) {
            options.add("mode=" + Integer.toOctalString(m.options().tmpfsMode()));
        }
        return String.join(",", options);
    }
}
