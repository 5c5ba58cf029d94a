package io.capstan.kubernetes.stack;

import io.capstan.core.spec.Mount;
import io.capstan.core.spec.PortMapping;
import io.capstan.core.workload.UpdatePolicy;
import io.capstan.core.workload.WorkloadRestart;
import io.capstan.stack.compose.ComposeProject;
import io.capstan.stack.compose.SwarmCompose;
import io.capstan.stack.compose.SwarmDeploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/** What a service asks for that Kubernetes objects cannot express: one warning per key, with its file:line. */
final class KubernetesGaps {
    /** Keys with no Kubernetes equivalent that Capstan renders; each one a service writes is warned about. */
    private static final List<String> NOT_ON_KUBERNETES = List.of("container_name", "mac_address", "extra_hosts",
            "links", "external_links", "cap_add", "cap_drop", "privileged", "read_only", "security_opt", "devices",
            "group_add", "ulimits", "pids_limit", "mem_reservation", "memswap_limit", "shm_size", "oom_score_adj",
            "oom_kill_disable", "cgroup_parent", "dns", "dns_search", "dns_opt", "domainname", "logging", "stop_signal",
            "init", "pid", "ipc", "runtime", "userns_mode", "sysctls", "stdin_open", "tty", "platform", "post_start",
            "pre_stop", "cpu_shares", "cpuset", "blkio_config");
    private final UnaryOperator<String> where;
    private final List<String> warnings = new ArrayList<>();

    KubernetesGaps(UnaryOperator<String> where) {
        this.where = where;
    }

    List<String> warnings() {
        return List.copyOf(warnings);
    }

    void warn(String service, String key, String text) {
        warnings.add(where.apply("services." + service + (key.isEmpty() ? "" : "." + key)) + "service '" + service
                + "': " + text);
    }

    void check(ComposeProject.Service s, SwarmDeploy d) {
        String n = s.name();
        for (String key : NOT_ON_KUBERNETES) {
            if (written(n, key)) {
                warn(n, key, key + " cannot be expressed on Kubernetes by Capstan and is ignored");
            }
        }
        if (written(n, "network_mode")) {
            warn(n, "network_mode", "network_mode '" + s.networkMode() + "' cannot be expressed on Kubernetes, whose "
                    + "pods each have their own network namespace, and is ignored");
        }
        s.dependsOn().forEach((dependency, condition) -> warn(n, "depends_on." + dependency, "depends_on '" + dependency
                + "' (" + condition.name().toLowerCase(Locale.ROOT) + ") cannot be waited for on Kubernetes: all "
                + "workloads start at once"));
        for (Mount mount : s.mounts()) {
            if (mount.type() == Mount.Type.BIND) {
                warn(n, "volumes", "host bind mount " + mount.source() + " -> " + mount.target()
                        + " cannot be expressed portably on Kubernetes and is left out");
            } else if (mount.type() == Mount.Type.VOLUME && mount.source().isEmpty()) {
                warn(n, "volumes", "anonymous volume " + mount.target() + " becomes an emptyDir, which lives only as long as the pod");
            }
        }
        for (PortMapping port : s.ports()) {
            if (!port.hostIp().isBlank()) {
                warn(n, "ports", "host IP " + port.hostIp() + " of published port " + port.hostPorts()
                        + " cannot be expressed on Kubernetes: the node port listens on every node address");
            }
            if (port.hostPortEnd() != port.hostPort()) {
                warn(n, "ports", "published port range " + port.hostPorts() + " cannot be expressed on Kubernetes: "
                        + "the cluster picks one node port");
            }
        }
        if (s.user() != null && !s.user().matches("\\d+")) {
            warn(n, "user", "user '" + s.user() + "' is not a numeric uid, which Kubernetes needs (runAsUser): it is ignored");
        }
        s.networks().forEach((key, settings) -> {
            if (!settings.aliases().isEmpty() || !settings.aliasesOnly()) {
                warn(n, "networks." + key, "aliases and addresses on network '" + key + "' cannot be expressed on "
                        + "Kubernetes, whose pods share one network: only the service name resolves");
            }
        });
        if (s.healthCheck() != null && s.healthCheck().keepsImageTest()) {
            warn(n, "healthcheck", "healthcheck without a test keeps the image's, which Kubernetes cannot run: no probes are rendered");
        }
        deploy(n, d);
    }

    /** True when the service's files write {@code key}: it has a place of its own, not its service's. */
    private boolean written(String service, String key) {
        String at = "services." + service;
        return !where.apply(at + "." + key).equals(where.apply(at));
    }

    private void deploy(String n, SwarmDeploy d) {
        if (!d.constraints().isEmpty()) {
            warn(n, "deploy.placement.constraints", "placement constraints are not rendered for Kubernetes (use nodeSelector) and are ignored");
        }
        if (d.restart().condition() != WorkloadRestart.Condition.ANY) {
            warn(n, "deploy.restart_policy", "restart condition " + d.restart().condition().name().toLowerCase(Locale.ROOT)
                    + " cannot be expressed by a Deployment or DaemonSet, whose pods always restart");
        }
        UpdatePolicy u = d.update();
        if (u.delay() != null && !u.delay().isZero()) {
            warn(n, "deploy.update_config.delay", "update_config.delay cannot be expressed on Kubernetes and is ignored");
        }
        if (u.failureAction() == UpdatePolicy.FailureAction.ROLLBACK) {
            warn(n, "deploy.update_config.failure_action", "failure_action rollback cannot be expressed on Kubernetes: "
                    + "a failed rollout stops (kubectl rollout undo rolls it back)");
        }
        if (!d.rollback().equals(UpdatePolicy.DEFAULT)) {
            warn(n, "deploy.rollback_config", "rollback_config cannot be expressed on Kubernetes and is ignored");
        }
        if (d.endpointMode() == io.capstan.core.workload.WorkloadSpec.EndpointMode.DNSRR) {
            warn(n, "deploy.endpoint_mode", "endpoint_mode dnsrr is rendered as a headless Service");
        }
    }

    /** Warnings of the compose model itself, less those about {@code deploy:} on one engine, which do not apply here. */
    static List<String> modelWarnings(SwarmCompose compose) {
        return compose.project().warnings().stream().filter(w -> !w.contains("'deploy.")
                && !w.contains("deploy.restart_policy") && !w.contains("max_attempts is ignored")).toList();
    }
}
