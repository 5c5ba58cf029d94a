package io.capstan.kubernetes.stack;

import io.capstan.core.error.ConfigException;
import io.capstan.stack.compose.ComposeLoader;
import io.capstan.stack.compose.SwarmCompose;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StackManifestsTest {
    @TempDir
    Path dir;

    private static final String COMPOSE = """
            name: Shop_Stack
            services:
              Web_Front:
                image: nginx:1.27
                container_name: front
                ports: ["8080:80", "30080:443"]
                environment: {MODE: prod}
                healthcheck:
                  test: ["CMD", "wget", "-q", "-O-", "http://localhost/"]
                  interval: 10s
                  timeout: 1500ms
                  retries: 4
                  start_period: 20s
                stop_grace_period: 45s
                tmpfs: [/scratch]
                volumes:
                  - data:/var/data
                  - /etc/hosts:/host-hosts:ro
                secrets: [token]
                configs: [site]
                depends_on:
                  db: {condition: service_healthy}
                deploy:
                  replicas: 3
                  resources:
                    limits: {cpus: "0.5", memory: 256M}
                    reservations: {cpus: "0.25", memory: 128M}
                  update_config: {parallelism: 2, order: start-first, monitor: 5s}
              db:
                image: postgres:16
                network_mode: host
                ports: ["5432"]
                labels: {capstan.kubernetes/service-type: LoadBalancer}
              agent:
                image: busybox
                deploy: {mode: global}
            volumes:
              data:
                labels: {capstan.kubernetes/size: 5Gi, capstan.kubernetes/storage-class: fast}
            secrets:
              token: {file: ./token.txt}
            configs:
              site: {file: ./site.conf}
            """;

    private StackManifests.Objects render(String compose) throws IOException {
        Path file = dir.resolve("compose.yaml");
        Files.writeString(file, compose);
        Files.writeString(dir.resolve("token.txt"), "s3cret");
        Files.writeString(dir.resolve("site.conf"), "listen 80;");
        SwarmCompose model = new ComposeLoader(Map.of(), dir).loadForSwarm(List.of(file), "fallback");
        return StackManifests.objects(model);
    }

    private static <T extends HasMetadata> T find(StackManifests.Objects r, Class<T> type, String name) {
        return r.all().stream().filter(type::isInstance).map(type::cast)
                .filter(o -> o.getMetadata().getName().equals(name)).findFirst().orElseThrow(() -> new AssertionError(
                        "no " + type.getSimpleName() + " " + name + " in " + r.all().stream()
                                .map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList()));
    }

    @Test
    void servicesBecomeWorkloadsWhoseSelectorsMatchTheirPodsAndServices() throws IOException {
        StackManifests.Objects r = render(COMPOSE);
        Deployment web = find(r, Deployment.class, "web-front");
        assertThat(web.getSpec().getReplicas()).isEqualTo(3);
        Map<String, String> podLabels = web.getSpec().getTemplate().getMetadata().getLabels();
        assertThat(podLabels).containsAllEntriesOf(web.getSpec().getSelector().getMatchLabels())
                .containsEntry("io.capstan.stack", "shop-stack").containsEntry("io.capstan.service", "web-front");
        Service service = find(r, Service.class, "web-front");
        assertThat(podLabels).containsAllEntriesOf(service.getSpec().getSelector());
        assertThat(service.getSpec().getType()).isEqualTo("NodePort");
        assertThat(service.getSpec().getPorts()).extracting(p -> p.getPort() + ":" + p.getNodePort())
                .containsExactly("80:null", "443:30080");
        assertThat(find(r, Service.class, "db").getSpec().getType()).isEqualTo("LoadBalancer");
        DaemonSet agent = find(r, DaemonSet.class, "agent");
        assertThat(agent.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(agent.getSpec().getSelector().getMatchLabels());
        assertThat(r.all()).allSatisfy(o -> assertThat(o.getMetadata().getLabels())
                .containsEntry("app.kubernetes.io/part-of", "shop-stack"));
        assertThat(r.all().stream().filter(o -> o.getMetadata().getName().equals("agent")).map(HasMetadata::getKind))
                .containsExactly("DaemonSet"); // no ports: no Service
    }

    @Test
    void podSettingsComeFromTheServicesKeys() throws IOException {
        StackManifests.Objects r = render(COMPOSE);
        Deployment web = find(r, Deployment.class, "web-front");
        PodSpec pod = web.getSpec().getTemplate().getSpec();
        var c = pod.getContainers().getFirst();
        assertThat(c.getReadinessProbe().getExec().getCommand()).containsExactly("wget", "-q", "-O-", "http://localhost/");
        assertThat(c.getLivenessProbe()).isEqualTo(c.getReadinessProbe());
        assertThat(c.getReadinessProbe().getPeriodSeconds()).isEqualTo(10);
        assertThat(c.getReadinessProbe().getTimeoutSeconds()).isEqualTo(2);
        assertThat(c.getReadinessProbe().getFailureThreshold()).isEqualTo(4);
        assertThat(c.getReadinessProbe().getInitialDelaySeconds()).isEqualTo(20);
        assertThat(c.getResources().getLimits()).containsEntry("cpu", new io.fabric8.kubernetes.api.model.Quantity("500m"))
                .containsEntry("memory", new io.fabric8.kubernetes.api.model.Quantity(String.valueOf(256L << 20)));
        assertThat(c.getResources().getRequests()).containsEntry("cpu", new io.fabric8.kubernetes.api.model.Quantity("250m"));
        assertThat(pod.getTerminationGracePeriodSeconds()).isEqualTo(45L);
        assertThat(web.getSpec().getStrategy().getRollingUpdate().getMaxSurge().getIntVal()).isEqualTo(2);
        assertThat(web.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal()).isZero();
        assertThat(web.getSpec().getMinReadySeconds()).isEqualTo(5);
        assertThat(c.getVolumeMounts()).extracting(m -> m.getMountPath()).containsExactly("/var/data", "/scratch",
                "/run/secrets/token", "/site");
        assertThat(pod.getVolumes()).anySatisfy(v -> assertThat(v.getEmptyDir() == null ? null : v.getEmptyDir().getMedium())
                .isEqualTo("Memory"));
        assertThat(c.getEnvFrom().getFirst().getConfigMapRef().getName()).isEqualTo("web-front-env");
        assertThat(find(r, ConfigMap.class, "web-front-env").getData()).containsEntry("MODE", "prod");
        assertThat(new String(Base64.getDecoder().decode(find(r, Secret.class, "secret-token").getData().get("token"))))
                .isEqualTo("s3cret");
        assertThat(find(r, ConfigMap.class, "config-site").getBinaryData()).containsKey("site");
        PersistentVolumeClaim claim = find(r, PersistentVolumeClaim.class, "data");
        assertThat(claim.getSpec().getResources().getRequests().get("storage").toString()).isEqualTo("5Gi");
        assertThat(claim.getSpec().getStorageClassName()).isEqualTo("fast");
    }

    @Test
    void namesAreMadeValidAndTheMappingIsKept() throws IOException {
        StackManifests.Objects r = render(COMPOSE);
        assertThat(r.renamed()).containsEntry("Web_Front", "web-front").containsEntry("shop_stack", "shop-stack");
        assertThat(r.all()).allSatisfy(o -> assertThat(o.getMetadata().getName())
                .matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?"));
    }

    @Test
    void whatKubernetesCannotExpressIsOneWarningPerKeyWithItsLine() throws IOException {
        List<String> w = render(COMPOSE).warnings();
        assertThat(w).anyMatch(l -> l.matches(".*compose.yaml:5: service 'Web_Front': container_name .*"))
                .anyMatch(l -> l.matches(".*compose.yaml:16: service 'Web_Front': host bind mount /etc/hosts .*"))
                .anyMatch(l -> l.matches(".*compose.yaml:22: service 'Web_Front': depends_on 'db' \\(service_healthy\\).*"))
                .anyMatch(l -> l.matches(".*compose.yaml:31: service 'db': network_mode 'host' .*"))
                .anyMatch(l -> l.contains("published port 8080 is outside Kubernetes' node port range"))
                .noneMatch(l -> l.contains("extra_hosts")); // the engine's own host.docker.internal is no key of the files
    }

    @Test
    void anUnknownServiceTypeIsRefusedWithItsLine() {
        assertThatThrownBy(() -> render("""
                services:
                  web:
                    image: nginx
                    ports: ["80"]
                    labels: {capstan.kubernetes/service-type: Ingress}
                """)).isInstanceOf(ConfigException.class)
                .hasMessageMatching(".*compose.yaml:5: service 'web': label capstan.kubernetes/service-type 'Ingress' "
                        + "is not ClusterIP, NodePort or LoadBalancer");
    }

    @Test
    void everyManifestIsValidAgainstTheKubernetesSchema() throws IOException {
        KubernetesSchema schema = KubernetesSchema.load();
        for (HasMetadata o : render(COMPOSE).all()) {
            assertThat(schema.validate(ManifestFiles.yaml(o))).as(ManifestFiles.fileName(o)).isEmpty();
        }
    }

    @Test
    void theSchemaRefusesAManifestWithAnUnknownFieldOrAWrongType() {
        KubernetesSchema schema = KubernetesSchema.load();
        assertThat(schema.validate("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  replicas: three
                  selector: {matchLabels: {a: b}}
                  template:
                    metadata: {labels: {a: b}}
                    spec:
                      containers: [{name: web, image: nginx, imagePullPolicyy: Always}]
                """)).hasSize(2).anyMatch(m -> m.contains("replicas")).anyMatch(m -> m.contains("imagePullPolicyy"));
    }
}
