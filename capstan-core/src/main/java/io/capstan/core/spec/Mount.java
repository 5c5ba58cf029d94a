package io.capstan.core.spec;

import io.capstan.core.error.InvalidSpecException;

/**
 * A filesystem mounted into a container.
 *
 * @param type     what {@code source} names
 * @param source   a host path (bind), a volume name (volume, empty for an anonymous volume), unused for tmpfs
 * @param target   the absolute path inside the container
 * @param readOnly mounted read-only
 * @param options  how it is mounted, beyond read-only ({@link Options#NONE} for the engine's defaults)
 */
public record Mount(Type type, String source, String target, boolean readOnly, Options options) {
    public enum Type { BIND, VOLUME, TMPFS }

    /**
     * @param propagation a bind's mount propagation ({@code rprivate}, {@code rshared}, ...), null for the default
     * @param selinux     a bind's SELinux relabelling: {@code z} (shared), {@code Z} (private), null for none
     * @param noCopy      a new volume is not filled with what the image has at the target
     * @param subpath     the directory inside a volume to mount instead of its root, null for the root
     * @param tmpfsSize   a tmpfs's size in bytes, null for the engine's default
     * @param tmpfsMode   a tmpfs's file mode (such as {@code 01777}), null for the engine's default
     */
    public record Options(String propagation, String selinux, boolean noCopy, String subpath, Long tmpfsSize,
                          Integer tmpfsMode) {
        public static final Options NONE = new Options(null, null, false, null, null, null);
    }

    public Mount(Type type, String source, String target, boolean readOnly) {
        this(type, source, target, readOnly, Options.NONE);
    }

    public Mount {
        source = source == null ? "" : source;
        options = options == null ? Options.NONE : options;
        if (target == null || !target.startsWith("/")) {
            throw new InvalidSpecException("invalid mount target '" + target + "': expected an absolute path in the container");
        }
        if (type == Type.BIND && !source.startsWith("/")) {
            throw new InvalidSpecException("invalid bind mount source '" + source + "': expected an absolute host path");
        }
    }

    public static Mount volume(String name, String target) {
        return new Mount(Type.VOLUME, name, target, false);
    }

    public static Mount bind(String hostPath, String target) {
        return new Mount(Type.BIND, hostPath, target, false);
    }

    /**
     * Parses Docker's {@code -v} form: {@code NAME:/path}, {@code /host:/path}, {@code /path} (anonymous),
     * each with an optional {@code :ro} or {@code :rw}.
     */
    public static Mount parse(String text) {
        String[] parts = text == null ? new String[0] : text.split(":");
        if (parts.length == 0 || parts.length > 3 || text.isBlank()) {
            throw new InvalidSpecException("invalid volume '" + text + "': expected SOURCE:TARGET[:ro]");
        }
        boolean readOnly = false;
        int end = parts.length;
        if (parts.length >= 2 && (parts[end - 1].equals("ro") || parts[end - 1].equals("rw"))) {
            readOnly = parts[end - 1].equals("ro");
            end--;
        }
        if (end == 1) {
            return new Mount(Type.VOLUME, "", parts[0], readOnly);
        }
        if (end != 2) {
            throw new InvalidSpecException("invalid volume '" + text + "': expected SOURCE:TARGET[:ro]");
        }
        Type type = parts[0].startsWith("/") ? Type.BIND : Type.VOLUME;
        return new Mount(type, parts[0], parts[1], readOnly);
    }
}
