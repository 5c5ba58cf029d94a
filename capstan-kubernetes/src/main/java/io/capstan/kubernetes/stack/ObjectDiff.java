package io.capstan.kubernetes.stack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where an object on the cluster differs from the one a stack renders: every field the rendered object sets whose
 * value on the cluster is another. Fields only the cluster has (its defaults, status, metadata it keeps) do not count.
 */
final class ObjectDiff {
    private ObjectDiff() {
    }

    static List<String> fields(Map<?, ?> wanted, Map<?, ?> live) {
        List<String> out = new ArrayList<>();
        compare("", wanted, live, out);
        return out;
    }

    private static void compare(String path, Object wanted, Object live, List<String> out) {
        if (wanted instanceof Map<?, ?> w && live instanceof Map<?, ?> l) {
            for (var e : w.entrySet()) {
                compare(path.isEmpty() ? String.valueOf(e.getKey()) : path + "." + e.getKey(), e.getValue(), l.get(e.getKey()), out);
            }
        } else if (wanted instanceof List<?> w && live instanceof List<?> l && w.size() == l.size()) {
            for (int i = 0; i < w.size(); i++) {
                compare(path + "[" + i + "]", w.get(i), l.get(i), out);
            }
        } else if (!same(wanted, live)) {
            out.add(path);
        }
    }

    private static boolean same(Object wanted, Object live) {
        if (wanted instanceof Number a && live instanceof Number b) {
            return a.doubleValue() == b.doubleValue();
        }
        if (wanted instanceof Map<?, ?> m && m.isEmpty() && live == null || wanted instanceof List<?> l && l.isEmpty() && live == null) {
            return true;
        }
        return Objects.equals(wanted == null ? null : String.valueOf(wanted), live == null ? null : String.valueOf(live));
    }
}
