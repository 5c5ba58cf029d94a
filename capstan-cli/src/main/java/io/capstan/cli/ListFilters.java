package io.capstan.cli;

import io.capstan.core.error.InvalidSpecException;
import io.capstan.core.model.ContainerStatus;
import io.capstan.core.model.ContainerSummary;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code containers ls --filter KEY=VALUE}, as {@code docker ps} takes it: filters of one key match any of their
 * values, filters of different keys must all match.
 */
record ListFilters(List<String> labels, List<String> names, Set<ContainerStatus> statuses, List<String> ids) {

    static ListFilters parse(List<String> filters) {
        List<String> labels = new ArrayList<>();
        List<String> names = new ArrayList<>();
        Set<ContainerStatus> statuses = EnumSet.noneOf(ContainerStatus.class);
        List<String> ids = new ArrayList<>();
        for (String f : filters) {
            int eq = f.indexOf('=');
            String key = eq < 0 ? f : f.substring(0, eq);
            String value = eq < 0 ? "" : f.substring(eq + 1);
            if (eq < 0 || value.isEmpty()) {
                throw new InvalidSpecException("invalid --filter '" + f + "': expected KEY=VALUE, such as status=exited");
            }
            switch (key) {
                case "label" -> labels.add(value);
                case "name" -> names.add(value);
                case "id" -> ids.add(value);
                case "status" -> {
                    ContainerStatus status = ContainerStatus.of(value);
                    if (status == ContainerStatus.UNKNOWN) {
                        throw new InvalidSpecException("invalid --filter '" + f + "': status is one of created, "
                                + "running, paused, restarting, removing, exited or dead");
                    }
                    statuses.add(status);
                }
                default -> throw new InvalidSpecException("unknown --filter key '" + key
                        + "': use label, name, status or id");
            }
        }
        return new ListFilters(labels, names, statuses, ids);
    }

    /** A status other than running is asked for: stopped containers must be listed too. */
    boolean needsAll() {
        return statuses.stream().anyMatch(s -> s != ContainerStatus.RUNNING);
    }

    boolean matches(ContainerSummary c) {
        return (names.isEmpty() || names.stream().anyMatch(n -> c.name().contains(n)))
                && (statuses.isEmpty() || statuses.contains(c.status()))
                && (ids.isEmpty() || ids.stream().anyMatch(i -> c.id().startsWith(i.toLowerCase(Locale.ROOT))));
    }
}
