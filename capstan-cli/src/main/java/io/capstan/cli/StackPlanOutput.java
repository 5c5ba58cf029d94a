package io.capstan.cli;

import io.capstan.cli.output.Json;
import io.capstan.stack.run.StackPlan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code capstan CONFIG plan}: what up would do, as lines or as JSON with snake_case keys and an explicit
 * {@code action} (create, recreate, start, remove, keep) per service's container.
 */
final class StackPlanOutput {
    private StackPlanOutput() {
    }

    static int print(Cli cli, StackPlan plan, boolean json) {
        if (json) {
            Json.print(cli.out(), of(plan));
        } else {
            printLines(cli, plan);
        }
        return 0;
    }

    static Map<String, Object> of(StackPlan plan) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("services", plan.actions().stream().map(StackPlanOutput::action).toList());
        out.put("networks_to_create", plan.networksToCreate());
        out.put("volumes_to_create", plan.volumesToCreate());
        out.put("orphans", plan.orphans().stream().map(o -> entry("orphan", o.service(), null, o.name(), o.containerId()))
                .toList());
        out.put("changes_nothing", plan.changesNothing());
        return out;
    }

    private static Map<String, Object> action(StackPlan.Action action) {
        return switch (action) {
            case StackPlan.Create c -> entry("create", c.service(), c.replica(), c.spec().name(), null);
            case StackPlan.Recreate r -> {
                Map<String, Object> e = entry("recreate", r.service(), r.replica(), r.spec().name(), r.containerId());
                e.put("changed", r.changed());
                yield e;
            }
            case StackPlan.Start s -> entry("start", s.service(), s.replica(), s.name(), s.containerId());
            case StackPlan.Remove r -> entry("remove", r.service(), null, r.name(), r.containerId());
            case StackPlan.Keep k -> entry("keep", k.service(), k.replica(), k.name(), k.containerId());
        };
    }

    private static Map<String, Object> entry(String action, String service, Integer replica, String container,
                                             String containerId) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("service", service);
        e.put("action", action);
        if (replica != null) {
            e.put("replica", replica);
        }
        e.put("container", container);
        if (containerId != null) {
            e.put("container_id", containerId);
        }
        return e;
    }

    private static void printLines(Cli cli, StackPlan plan) {
        plan.networksToCreate().forEach(n -> cli.out().println("create    network " + n));
        plan.volumesToCreate().forEach(v -> cli.out().println("create    volume " + v));
        for (StackPlan.Action action : plan.actions()) {
            cli.out().println(switch (action) {
                case StackPlan.Create c -> "create    " + c.service() + " (" + c.spec().name() + ")";
                case StackPlan.Recreate r -> "recreate  " + r.service() + " (" + r.spec().name() + "): "
                        + String.join(", ", r.changed()) + " changed";
                case StackPlan.Start s -> "start     " + s.service() + " (" + s.name() + ")";
                case StackPlan.Remove r -> "remove    " + r.service() + " (" + r.name() + "): beyond deploy.replicas";
                case StackPlan.Keep k -> "unchanged " + k.service() + " (" + k.name() + ")";
            });
        }
        plan.orphans().forEach(o -> cli.out().println("orphan    " + o.service() + " (" + o.name()
                + "): no longer in the stack; up --remove-orphans removes it"));
        if (plan.changesNothing() && plan.orphans().isEmpty()) {
            cli.out().println("Nothing to do: the stack runs as configured.");
        }
    }
}
