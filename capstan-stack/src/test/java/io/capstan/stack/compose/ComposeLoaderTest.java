package io.capstan.stack.compose;

import io.capstan.core.error.ConfigException;
import io.capstan.core.spec.Mount;
import io.capstan.core.spec.PortMapping;
import io.capstan.core.spec.Resources;
import io.capstan.stack.compose.ComposeProject.Condition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The compose model: merging several files, interpolation, every supported key, and errors with file:line. */
class ComposeLoaderTest {
    @TempDir
    Path dir;

    private final List<Path> files = new ArrayList<>();

    private ComposeLoaderTest file(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        files.add(Files.writeString(file, content));
        return this;
    }

    private ComposeProject load() {
        return load(Map.of());
    }

    private ComposeProject load(Map<String, String> env) {
        return new ComposeLoader(env, dir).load(files, "Fallback Name!");
    }

    private ComposeProject.Service web() {
        return load().services().get("web");
    }

    // ---- merging ------------------------------------------------------------------------------------------------------

    @Test
    void mappingsMergeAndCommandsReplace() throws IOException {
        file("a.yml", "services:\n  web:\n    image: one\n    command: [echo, a]\n    healthcheck: {test: [CMD, a], retries: 3}\n    dns: [1.1.1.1]\n")
                .file("b.yml", "services:\n  web:\n    command: echo b\n    healthcheck: {test: [CMD, b]}\n    user: nobody\n");
        var web = web();
        assertThat(web.image()).isEqualTo("one");
        assertThat(web.command()).containsExactly("echo", "b");
        assertThat(web.healthCheck().test()).containsExactly("CMD", "b");
        assertThat(web.healthCheck().retries()).isEqualTo(3);
        assertThat(web.user()).isEqualTo("nobody");
    }

    @Test
    void portsAndVolumesMergeByBindingAndTarget() throws IOException {
        file("a.yml", "services:\n  web:\n    image: x\n    ports: ['8080:80', '9090:90']\n    volumes: ['data:/data', './a:/a']\n"
                + "volumes:\n  data: {}\n  other: {}\n")
                .file("b.yml", "services:\n  web:\n    ports: ['8080:80', '7070:70']\n    volumes: ['other:/data', '/srv:/srv:ro']\n");
        var web = load().services().get("web");
        assertThat(web.ports()).containsExactly(PortMapping.tcp(80, 8080), PortMapping.tcp(90, 9090), PortMapping.tcp(70, 7070));
        assertThat(web.mounts()).containsExactly(
                Mount.volume("fallbackname_other", "/data"),
                Mount.bind(dir.resolve("a").toString(), "/a"),
                new Mount(Mount.Type.BIND, "/srv", "/srv", true));
    }

    @Test
    void environmentLabelsNetworksAndDependsOnMergeByKeyInEitherForm() throws IOException {
        file("a.yml", """
                services:
                  db: {image: db}
                  web:
                    image: x
                    environment: [A=1, B=2]
                    labels: {tier: web, keep: yes}
                    networks: [front]
                    depends_on: [db]
                networks: {front: {}, back: {}}
                """)
                .file("b.yml", """
                        services:
                          web:
                            environment: {B: "20", C: "3"}
                            labels: [tier=api]
                            networks:
                              back: {aliases: [api]}
                            depends_on:
                              db: {condition: service_healthy}
                        """);
        var web = web();
        assertThat(web.environment()).containsExactly(Map.entry("A", "1"), Map.entry("B", "20"), Map.entry("C", "3"));
        assertThat(web.labels()).containsEntry("tier", "api").containsEntry("keep", "yes");
        assertThat(web.networks()).containsOnlyKeys("front", "back");
        assertThat(web.networks().get("back").aliases()).containsExactly("api");
        assertThat(web.dependsOn()).containsExactly(Map.entry("db", Condition.SERVICE_HEALTHY));
    }

    @Test
    void resetRemovesAndOverrideReplaces() throws IOException {
        file("a.yml", "services:\n  web:\n    image: x\n    ports: ['80:80']\n    environment: {A: '1', B: '2'}\n    user: root\n")
                .file("b.yml", "services:\n  web:\n    ports: !reset []\n    environment: !override {C: '3'}\n    user: !reset null\n");
        var web = web();
        assertThat(web.ports()).isEmpty();
        assertThat(web.environment()).containsExactly(Map.entry("C", "3"));
        assertThat(web.user()).isNull();
    }

    @Test
    void yamlMergeKeysProvideDefaults() throws IOException {
        file("a.yml", "x-base: &base\n  image: base\n  user: nobody\nservices:\n  web:\n    <<: *base\n    user: root\n");
        assertThat(web().image()).isEqualTo("base");
        assertThat(web().user()).isEqualTo("root");
    }

    // ---- interpolation --------------------------------------------------------------------------------------------------

    @Test
    void variablesInterpolateAsComposeDoes() throws IOException {
        file("a.yml", """
                services:
                  web:
                    image: app:${TAG:-latest}
                    environment:
                      SET: ${SET}
                      DASH: ${EMPTY-dash}
                      COLON: ${EMPTY:-colon}
                      UNSET: "[${NOT_SET_AT_ALL}]"
                      MONEY: $$5
                """);
        ComposeProject project = load(Map.of("SET", "yes", "EMPTY", ""));
        var web = project.services().get("web");
        assertThat(web.image()).isEqualTo("app:latest");
        assertThat(web.environment()).containsEntry("SET", "yes").containsEntry("DASH", "").containsEntry("COLON", "colon")
                .containsEntry("UNSET", "[]").containsEntry("MONEY", "$5");
        assertThat(project.warnings()).containsExactly(
                "variable NOT_SET_AT_ALL is not set and has no default (used at a.yml:8); using an empty string");
    }

    @Test
    void aRequiredVariableWithoutValueIsAnErrorWithFileAndLine() throws IOException {
        file("a.yml", "services:\n  web:\n    image: x\n    environment:\n      TOKEN: ${TOKEN:?set TOKEN in .env}\n");
        assertThatThrownBy(this::load).isInstanceOf(ConfigException.class)
                .hasMessage("a.yml:5: required variable TOKEN is missing a value: set TOKEN in .env");
    }

    // ---- keys -----------------------------------------------------------------------------------------------------------

    @Test
    void everySupportedKeyIsRead() throws IOException {
        Files.writeString(dir.resolve("web.env"), "FROM_FILE=1\nOVERRIDDEN=file\n");
        Files.createDirectories(dir.resolve("app"));
        file("a.yml", """
                name: My_Stack
                services:
                  web:
                    build: {context: ./app, dockerfile: Web.Dockerfile, args: {V: '1'}, target: prod}
                    entrypoint: ["/bin/sh", "-c"]
                    command: 'echo "hello world" $$HOME'
                    env_file: [web.env]
                    environment: [OVERRIDDEN=env]
                    ports:
                      - "127.0.0.1:8000-8001:80-81"
                      - {target: 53, published: "5353", protocol: udp, host_ip: 127.0.0.1}
                      - "9000"
                    expose: ["3000"]
                    volumes:
                      - type: tmpfs
                        target: /scratch
                      - /cache
                    networks: {front: {aliases: [www]}}
                    healthcheck: {test: "wget -q localhost", interval: 2s, timeout: 1s, retries: 5, start_period: 1m}
                    restart: on-failure:3
                    user: "1000:1000"
                    working_dir: /app
                    hostname: web1
                    extra_hosts: ["db.local:10.0.0.5"]
                    deploy: {replicas: 2, resources: {limits: {cpus: "0.5", memory: 256M}}}
                  worker:
                    image: w
                    container_name: the-worker
                    mem_limit: 64m
                    cpus: 1.5
                networks:
                  front: {name: custom-front}
                  ext: {external: true}
                volumes:
                  shared: {external: true}
                """);
        ComposeProject project = load();
        assertThat(project.name()).isEqualTo("my_stack");
        var web = project.services().get("web");
        assertThat(web.image()).as("built services are tagged <project>-<service>").isEqualTo("my_stack-web");
        assertThat(web.build()).isEqualTo(new ComposeProject.Build(dir.resolve("app"), "Web.Dockerfile", Map.of("V", "1"), "prod"));
        assertThat(project.services().get("worker").containerName()).isEqualTo("the-worker");
        assertThat(web.entrypoint()).containsExactly("/bin/sh", "-c");
        assertThat(web.command()).containsExactly("echo", "hello world", "$HOME");
        assertThat(web.environment()).containsEntry("FROM_FILE", "1").containsEntry("OVERRIDDEN", "env");
        assertThat(web.ports()).containsExactly(new PortMapping(80, "tcp", "127.0.0.1", 8000),
                new PortMapping(81, "tcp", "127.0.0.1", 8001), new PortMapping(53, "udp", "127.0.0.1", 5353),
                new PortMapping(9000, "tcp", "", 0));
        assertThat(web.mounts()).containsExactly(new Mount(Mount.Type.TMPFS, "", "/scratch", false),
                new Mount(Mount.Type.VOLUME, "", "/cache", false));
        assertThat(web.networks()).containsOnlyKeys("front");
        assertThat(web.networks().get("front").aliases()).containsExactly("www");
        assertThat(project.networks().get("front").name()).isEqualTo("custom-front");
        assertThat(project.networks().get("ext").external()).isTrue();
        assertThat(project.volumes().get("shared")).satisfies(v -> {
            assertThat(v.external()).isTrue();
            assertThat(v.name()).isEqualTo("shared");
        });
        assertThat(web.healthCheck().test()).containsExactly("CMD-SHELL", "wget -q localhost");
        assertThat(web.healthCheck().interval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(web.healthCheck().startPeriod()).isEqualTo(Duration.ofMinutes(1));
        assertThat(web.restart().engineName()).isEqualTo("on-failure");
        assertThat(web.restart().maxRetries()).isEqualTo(3);
        assertThat(web.user()).isEqualTo("1000:1000");
        assertThat(web.workingDir()).isEqualTo("/app");
        assertThat(web.hostname()).isEqualTo("web1");
        assertThat(web.extraHosts()).containsExactly("db.local:10.0.0.5", "host.docker.internal:host-gateway",
                "host.containers.internal:host-gateway");
        assertThat(web.replicas()).isEqualTo(2);
        assertThat(web.resources()).isEqualTo(new Resources(500_000_000L, 256L << 20));
        assertThat(project.services().get("worker").resources()).isEqualTo(new Resources(1_500_000_000L, 64L << 20));
        assertThat(project.services().get("worker").networks()).containsOnlyKeys("default");
        assertThat(project.networks().get("default").name()).isEqualTo("my_stack_default");
    }

    @Test
    void theProjectNameFallsBackWhenTheFilesHaveNone() throws IOException {
        file("a.yml", "services:\n  web: {image: x}\n");
        assertThat(load().name()).isEqualTo("fallbackname");
    }

    @Test
    void unknownKeysAreWarningsWithFileAndLine() throws IOException {
        file("a.yml", "services:\n  web:\n    image: x\n    blkio_config: {weight: 300}\n    x-note: fine\nsecrets_x: {}\n");
        assertThat(load().warnings()).containsExactly(
                "a.yml:6: top-level key 'secrets_x' is not supported and is ignored",
                "a.yml:4: service 'web': key 'blkio_config' is not supported and is ignored");
    }

    @Test
    void invalidValuesAreErrorsWithFileAndLine() throws IOException {
        Map<String, String> cases = Map.of(
                "    mem_limit: 12xyz\n", "a.yml:4: invalid memory value '12xyz'",
                "    cpus: lots\n", "a.yml:4: invalid CPU value 'lots'",
                "    ports: ['http:80']\n", "a.yml:4: invalid port 'http:80'",
                "    restart: sometimes\n", "a.yml:4: invalid restart policy 'sometimes'",
                "    volumes: ['undeclared:/data']\n", "a.yml:4: volume 'undeclared' is not declared",
                "    depends_on: [ghost]\n", "a.yml:4: service 'web' depends on 'ghost', which is not a service",
                "    depends_on: {db: {condition: service_ready}}\n", "a.yml:4: depends_on condition 'service_ready' is not one of",
                "    healthcheck: {test: [CMD, x], interval: soon}\n", "a.yml:4: invalid duration 'soon'",
                "    networks: [nowhere]\n", "a.yml:4: network 'nowhere' is not declared",
                "    deploy: {replicas: many}\n", "a.yml:4: replicas must be a whole number");
        for (var c : cases.entrySet()) {
            files.clear();
            file("a.yml", "services:\n  web:\n    image: x\n" + c.getKey());
            assertThatThrownBy(this::load).as(c.getKey()).isInstanceOf(ConfigException.class).hasMessageStartingWith(c.getValue());
        }
        files.clear();
        file("a.yml", "services:\n  web:\n    user: x\n");
        assertThatThrownBy(this::load).hasMessage("a.yml:2: service 'web' has neither image nor build");
    }
}
