package io.capstan.stack;

import io.capstan.core.error.ConfigException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One test per rule of stack generation, on small projects written to a temporary directory. */
class StackGeneratorTest {
    @TempDir
    Path dir;
    TestProject project;

    @BeforeEach
    void setUp() {
        project = new TestProject(dir).rootTemplate();
    }

    private GeneratedStack generate() {
        return generate(Map.of());
    }

    private GeneratedStack generate(Map<String, String> env) {
        return new StackGenerator(env, false).generate(project.config());
    }

    private ConfigException failure() {
        return org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class, this::generate);
    }

    // ---- config loading ---------------------------------------------------------------------------------------------

    @Test
    void importedFilesMergeUnderTheImportingFile() {
        project.file("base/common.yml", """
                        import: deeper.yml
                        deployed_services: [framework.web]
                        settings:
                          level: base
                          keep: from-base
                          list: [1, 2, 3]
                        framework:
                          services:
                            web: {path: ./services/web, port: 80}
                        """)
                .file("base/deeper.yml", "settings:\n  deepest: yes\n")
                .file("config.yml", """
                        import: [base/common.yml]
                        deployed_services: []
                        settings:
                          level: main
                          list: [9]
                        """)
                .service("services/web", "level={{ settings.level }} keep={{ settings.keep }} list={{ settings.list | join(',') }} deepest={{ settings.deepest }}\n");
        GeneratedStack stack = generate();
        assertThat(project.read("services/web/docker-compose.yml")).isEqualTo("level=main keep=from-base list=9 deepest=yes");
        assertThat(stack.services()).extracting(s -> s.id()).containsExactly("framework.web");
    }

    @Test
    void aNonEmptyDeployedServicesListInTheOverlayReplacesTheImportedOne() {
        project.file("base.yml", "deployed_services: [framework.a]\nframework:\n  services:\n    a: {path: ./services/a}\n    b: {path: ./services/b}\n")
                .file("config.yml", "import: base.yml\ndeployed_services: [framework.b]\n")
                .service("services/a", "a").service("services/b", "b");
        assertThat(generate().services()).extracting(s -> s.id()).containsExactly("framework.b");
    }

    @Test
    void anImportCycleNamesTheChain() {
        project.file("config.yml", "import: a.yml\n").file("a.yml", "import: b.yml\n").file("b.yml", "import: a.yml\n");
        assertThat(failure()).hasMessage("b.yml: import cycle: a.yml -> b.yml -> a.yml");
    }

    @Test
    void aMissingImportSaysWhereItWasImported() {
        project.file("config.yml", "# the base\nimport:\n  - nowhere.yml\n");
        assertThat(failure()).hasMessageStartingWith("config.yml:3: imported file 'nowhere.yml' not found (looked at ");
    }

    @Test
    void yamlErrorsNameFileLineAndColumn() {
        project.file("config.yml", "a: 1\nb: [unclosed\n");
        assertThat(failure()).hasMessageStartingWith("config.yml:3:1: invalid YAML:");
        project.file("config.yml", "a: 1\nb:\n  c: 1\n  c: 2\n");
        assertThat(failure()).hasMessageStartingWith("config.yml:4:3: invalid YAML: found duplicate key c");
        project.file("config.yml", "- just\n- a list\n");
        assertThat(failure()).hasMessage("config.yml:1: expected a mapping of keys at the top, found a list");
    }

    @Test
    void applicationsGivenByNameLoadTheirConfigFiles() {
        project.file("config.yml", "applications: [shop]\ndeployed_services: [applications.shop.api]\n")
                .file("src/applications/shop/config.yml", "services:\n  api:\n    path: ./services/shop/api\n    port: 81\n")
                .service("services/shop/api", "port={{ applications.shop.services.api.port }} own={{ service.port }}");
        generate();
        assertThat(project.read("services/shop/api/docker-compose.yml")).isEqualTo("port=81 own=81");

        project.file("config.yml", "applications:\n  - shop\n  - billing\n");
        assertThat(failure()).hasMessage("config.yml:3: application 'billing' has no config file: looked for "
                + "src/applications/billing/config.yml");
    }

    @Test
    void applicationsGivenAsAMappingAreUsedAsTheyAre() {
        project.file("config.yml", """
                applications:
                  shop:
                    services:
                      api: {path: ./services/api}
                deployed_services: [applications.shop.api]
                """).service("services/api", "ok");
        assertThat(generate().services()).extracting(s -> s.keyPath()).containsExactly("applications.shop.services.api");
    }

    @Test
    void variablesExpandInEveryForm() {
        project.file(".env", "FROM_DOTENV=dotenv\nOVERRIDDEN=from-dotenv\nEMPTY=\n")
                .file("config.yml", """
                        deployed_services: [web]
                        framework:
                          services:
                            web: {path: ./services/web}
                        v:
                          braces: ${FROM_DOTENV}
                          bare: $FROM_DOTENV/x
                          overridden: ${OVERRIDDEN}
                          colon_default_unset: ${NOPE:-d1}
                          colon_default_empty: ${EMPTY:-d2}
                          dash_default_unset: ${NOPE-d3}
                          dash_default_empty: "[${EMPTY-d4}]"
                          dollars: cost $$5
                          unset: ${MISSING_ONE}
                          unset_again: $MISSING_ONE
                          nested: ${NOPE:-${FROM_DOTENV}}
                        """)
                .service("services/web", "{% for k, v in v.items() %}{{ k }}={{ v }}\n{% endfor %}");
        GeneratedStack stack = generate(Map.of("OVERRIDDEN", "from-process"));
        assertThat(project.read("services/web/docker-compose.yml")).isEqualTo("""
                braces=dotenv
                bare=dotenv/x
                overridden=from-process
                colon_default_unset=d1
                colon_default_empty=d2
                dash_default_unset=d3
                dash_default_empty=[]
                dollars=cost $5
                unset=${MISSING_ONE}
                unset_again=$MISSING_ONE
                nested=dotenv
                """);
        assertThat(stack.warnings()).isEmpty();
        assertThat(stack.config().unset().warnings()).containsExactly(
                "variable MISSING_ONE is not set and has no default (used at config.yml:14 and 1 more); left as written");
    }

    @Test
    void secretsFromVariablesStayReferencesInTheFlattenedConfig() {
        project.file(".env", "API_KEY=sk-very-secret\nDB_PASSWORD=hunter2\nREGION=eu\n")
                .file("config.yml", """
                        deployed_services: [web]
                        framework:
                          services:
                            web: {path: ./services/web}
                        api_key: ${API_KEY}
                        dsn: postgres://app:${DB_PASSWORD}@db/app
                        region: ${REGION}
                        """)
                .service("services/web", "key={{ api_key }}");
        generate();
        String flattened = project.read("services/web/config.yml");
        assertThat(flattened).contains("api_key: '${API_KEY}'", "dsn: postgres://app:${DB_PASSWORD}@db/app", "region: eu")
                .doesNotContain("sk-very-secret", "hunter2");
        assertThat(project.read("services/web/docker-compose.yml")).as("a template that asks gets the value")
                .isEqualTo("key=sk-very-secret");
    }

    @Test
    void theFlattenedConfigReadsBackAsTheSameDataInYaml12() {
        project.ambiguousScalars();
        GeneratedStack stack = generate();
        assertThat(project.yaml("services/web/config.yml")).isEqualTo(stack.config().masked());
        assertThat(project.read("services/web/config.yml")).as("a YAML 1.1 boolean stays a quoted string")
                .contains("EPICS_CA_AUTO_ADDR_LIST: 'NO'\n");
    }

    @Test
    void aSecretKeptAsAReferenceThatAServiceDoesNotPassIsAWarningNamingServiceKeyAndVariable() {
        project.file(".env", "API_KEY=sk-1\nDB_PASSWORD=pw\n")
                .file("config.yml", """
                        deployed_services: [web, worker, db]
                        framework:
                          services:
                            web: {path: ./services/web}
                            worker: {path: ./services/worker}
                            db:
                              path: ./services/db
                              password: ${DB_PASSWORD}
                        api_key: ${API_KEY}
                        """)
                .service("services/web", """
                        services:
                          web-a:
                            environment: [API_KEY]
                          web-b:
                            environment: [MODE=b]
                        """)
                .service("services/worker", "services:\n  worker:\n    environment:\n      API_KEY: ${API_KEY}\n")
                .service("services/db", "services:\n  db:\n    image: x\n");
        assertThat(generate().warnings()).containsExactly(
                "config.yml:8: framework.services.db.password is kept as ${DB_PASSWORD} in the flattened config.yml, but "
                        + "the compose environment of service framework.db does not pass DB_PASSWORD: its container would "
                        + "read the text ${DB_PASSWORD} (add DB_PASSWORD to the environment)",
                "config.yml:9: api_key is kept as ${API_KEY} in the flattened config.yml, but the compose environment of "
                        + "services framework.web (web-b), framework.db does not pass API_KEY: their containers would read "
                        + "the text ${API_KEY} (add API_KEY to the environment)");
    }

    @Test
    void aSecretEveryServicePassesIsNoWarning() {
        project.file(".env", "API_KEY=sk-1\nDB_PASSWORD=pw\n")
                .file("config.yml", """
                        deployed_services: [web, db]
                        framework:
                          services:
                            web: {path: ./services/web}
                            db:
                              path: ./services/db
                              password: ${DB_PASSWORD}
                        api_key: ${API_KEY}
                        """)
                .service("services/web", "services:\n  web:\n    environment:\n      - API_KEY=${API_KEY}\n")
                .service("services/db", "services:\n  db:\n    env_file: ./framework/db/secrets.env\n    environment: [API_KEY]\n")
                .file("services/db/secrets.env", "DB_PASSWORD=from-a-file\n");
        assertThat(generate().warnings()).as("web does not pass DB_PASSWORD: db's own password is db's business").isEmpty();
    }

    @Test
    void plainValuesAYaml11ReaderReadsDifferentlyAreWarningsWithFileAndLine() {
        project.file("config.yml", """
                        import: base.yml
                        deployed_services: [web]
                        framework:
                          services:
                            web: {path: ./services/web}
                        epics:
                          EPICS_CA_AUTO_ADDR_LIST: NO
                          quoted: 'NO'
                          flags: [on, true, 8080, 1.5, ~, text]
                        """)
                .file("base.yml", "since: 2024-01-01\nmode: 010\nscale: 1e3\ntimeout: 1:30\n")
                .service("services/web", "x");
        GeneratedStack stack = generate();
        String hint = " to YAML 1.1 readers such as PyYAML: quote a string, write a boolean as true or false";
        assertThat(stack.warnings()).containsExactly(
                "base.yml:1: since: plain 2024-01-01 is the string '2024-01-01' to Capstan (YAML 1.2) but a date" + hint,
                "base.yml:2: mode: plain 010 is the number 10 to Capstan (YAML 1.2) but an octal number" + hint,
                "base.yml:3: scale: plain 1e3 is the number 1000.0 to Capstan (YAML 1.2) but the string '1e3'" + hint,
                "base.yml:4: timeout: plain 1:30 is the string '1:30' to Capstan (YAML 1.2) but a number" + hint,
                "config.yml:7: epics.EPICS_CA_AUTO_ADDR_LIST: plain NO is the string 'NO' to Capstan (YAML 1.2) but a boolean" + hint,
                "config.yml:9: epics.flags[0]: plain on is the string 'on' to Capstan (YAML 1.2) but a boolean" + hint);
        assertThat(project.yaml("services/web/config.yml")).as("Capstan's reading is what the flattened config keeps")
                .containsEntry("since", "2024-01-01").containsEntry("mode", 10);
    }

    @Test
    void secretPatternsExtendTheDefaultsOrReplaceThem() {
        project.file(".env", "API_KEY=hidden\nCARD_PIN=1234\nDATABASE_URL=postgres://app:pw@db/app\nDB_PASS=pw2\n")
                .file("config.yml", "secret_patterns: ['*_PIN']\ndeployed_services: [web]\nframework:\n  services:\n    web: {path: ./services/web}\n"
                        + "a: ${API_KEY}\nb: ${CARD_PIN}\nc: ${DATABASE_URL}\nd: ${DB_PASS}\n")
                .service("services/web", "x");
        generate();
        assertThat(project.read("services/web/config.yml"))
                .contains("a: '${API_KEY}'", "b: '${CARD_PIN}'", "c: '${DATABASE_URL}'", "d: '${DB_PASS}'");

        project.file("config.yml", "secret_patterns: ['*_PIN']\nsecret_patterns_replace: true\ndeployed_services: [web]\n"
                + "framework:\n  services:\n    web: {path: ./services/web}\na: ${API_KEY}\nb: ${CARD_PIN}\nc: ${DATABASE_URL}\n");
        generate();
        assertThat(project.read("services/web/config.yml")).contains("a: hidden", "b: '${CARD_PIN}'", "c: '${DATABASE_URL}'");
    }

    @Test
    void projectRootIsTheDeploymentHostsPathNotWhereTheProjectIsRead() {
        String deployed = "/srv/deploy/" + dir.getFileName() + "-not-on-this-machine";
        project.file(".env", "PROJECT_ROOT=" + deployed + "\n")
                .file("config.yml", """
                        project_root: ${PROJECT_ROOT}
                        import: src/framework/config.yml
                        applications: [shop]
                        deployed_services: [jupyter, applications.shop.api]
                        """)
                .file("src/framework/config.yml", """
                        framework:
                          services:
                            jupyter:
                              path: ./services/framework/jupyter
                              copy_src: true
                              render_kernel_templates: true
                              additional_dirs: [docs]
                        """)
                .file("src/applications/shop/config.yml", "services:\n  api: {path: ./services/applications/shop/api}\n")
                .service("services/framework/jupyter", "volumes:\n  - {{ project_root }}/_agent_data:/data\n")
                .file("services/framework/jupyter/k/kernel.json.j2", "{\"root\": \"{{ project_root }}\"}")
                .service("services/applications/shop/api", "x")
                .file("docs/index.md", "# docs\n");
        GeneratedStack stack = generate();

        assertThat(stack.warnings()).isEmpty();
        assertThat(project.read("services/framework/jupyter/docker-compose.yml")).isEqualTo("volumes:\n  - " + deployed + "/_agent_data:/data");
        assertThat(project.read("services/framework/jupyter/k/kernel.json")).isEqualTo("{\"root\": \"" + deployed + "\"}");
        assertThat(project.yaml("services/framework/jupyter/config.yml")).containsEntry("project_root", deployed);
        assertThat(project.build("services/framework/jupyter/repo_src/framework/config.yml")).isRegularFile();
        assertThat(project.build("services/framework/jupyter/docs/index.md")).isRegularFile();
        assertThat(project.build("services/applications/shop/api/docker-compose.yml")).hasContent("x");
        assertThat(Path.of(deployed)).doesNotExist();
    }

    @Test
    void anUnsetProjectRootVariableStaysAsWrittenWithAWarningNamingTheKey() {
        project.file("config.yml", "project_root: ${PROJECT_ROOT}\ndeployed_services: [web]\nframework:\n  services:\n    web: {path: ./services/web}\n")
                .service("services/web", "root={{ project_root }}");
        GeneratedStack stack = generate();
        assertThat(stack.config().unset().warnings()).containsExactly(
                "variable PROJECT_ROOT is not set and has no default (used at config.yml:1); left as written");
        assertThat(project.read("services/web/docker-compose.yml")).isEqualTo("root=${PROJECT_ROOT}");
        assertThat(project.yaml("services/web/config.yml")).containsEntry("project_root", "${PROJECT_ROOT}");
    }

    @Test
    void withoutProjectRootTemplatesSeeTheProjectDirectory() {
        project.file("config.yml", "deployed_services: [web]\nframework:\n  services:\n    web: {path: ./services/web}\n")
                .service("services/web", "root={{ project_root }}");
        generate();
        assertThat(project.read("services/web/docker-compose.yml")).isEqualTo("root=" + dir);
    }

    // ---- discovery --------------------------------------------------------------------------------------------------

    @Test
    void everyDiscoveryFormFindsItsService() {
        project.file("config.yml", """
                deployed_services: [framework.web, jupyter, applications.shop.api, legacy]
                framework:
                  services:
                    web: {path: ./services/web}
                    jupyter: {path: ./services/jupyter}
                applications:
                  shop:
                    services:
                      api: {path: ./services/api}
                services:
                  legacy: {path: ./services/legacy}
                """).service("services/web", "w").service("services/jupyter", "j").service("services/api", "a")
                .service("services/legacy", "l");
        GeneratedStack stack = generate();
        assertThat(stack.services()).extracting(s -> s.id())
                .containsExactly("framework.web", "framework.jupyter", "applications.shop.api", "legacy");
        assertThat(stack.warnings()).singleElement().asString()
                .startsWith("config.yml:1: service 'legacy' is found in the top-level 'services:' section, which is deprecated");
        assertThat(stack.composeFiles()).extracting(p -> project.root().resolve("build").relativize(p).toString())
                .containsExactly("services/docker-compose.yml", "services/web/docker-compose.yml",
                        "services/jupyter/docker-compose.yml", "services/api/docker-compose.yml",
                        "services/legacy/docker-compose.yml");
    }

    @Test
    void unknownServicesAreNamedWithTheClosestKnownNames() {
        project.file("config.yml", """
                framework:
                  services:
                    open_webui: {path: ./services/web}
                    jupyter: {path: ./services/j}
                deployed_services:
                  - jupyter
                  - open-webui
                """);
        assertThat(failure()).hasMessage("config.yml:7: Service 'open-webui' not found in configuration; did you mean 'framework.open_webui'?");
        project.file("config.yml", "framework:\n  services:\n    jupyter: {path: ./services/j}\ndeployed_services: [applications.x.y]\n");
        assertThat(failure()).hasMessage("config.yml:4: Service 'applications.x.y' not found in configuration; known services: framework.jupyter");
    }

    @Test
    void aServiceWithoutPathOrTemplateIsNamed() {
        project.file("config.yml", "deployed_services: [web]\nframework:\n  services:\n    web: {port: 80}\n");
        assertThat(failure()).hasMessage("config.yml:4: service 'framework.web' has no path: set framework.services.web.path "
                + "to the directory holding its docker-compose.yml.j2");
        project.file("config.yml", "deployed_services: [web]\nframework:\n  services:\n    web:\n      path: ./services/none\n")
                .file("services/none/README", "no template here");
        assertThat(failure()).hasMessageStartingWith("config.yml:5: service 'framework.web': no docker-compose.yml.j2 in services/none (looked at ");
    }

    @Test
    void duplicatesAreReportedAndDeployedOnce() {
        project.file("config.yml", "deployed_services:\n  - web\n  - framework.web\nframework:\n  services:\n    web: {path: ./services/web}\n")
                .service("services/web", "w");
        GeneratedStack stack = generate();
        assertThat(stack.services()).hasSize(1);
        assertThat(stack.composeFiles()).hasSize(2);
        assertThat(stack.warnings()).containsExactly(
                "config.yml:3: service 'framework.web' is already listed at config.yml:2; deployed once");
    }

    // ---- rendering ----------------------------------------------------------------------------------------------------

    @Test
    void anUndefinedValueNamesTemplateLineAndKeyPath() {
        project.file("config.yml", "deployed_services: [web]\nframework:\n  services:\n    web: {path: ./services/web, port: 80}\n")
                .service("services/web", "services:\n  web:\n    ports: [\"{{ service.port }}:{{ framework.services.web.prot }}\"]\n");
        assertThat(failure()).hasMessageStartingWith("services/web/docker-compose.yml.j2:3: undefined value "
                + "'framework.services.web.prot': 'framework.services.web' has no key 'prot'");
    }

    @Test
    void defaultsAndDefinedTestsAreNotErrorsAndLenientRendersEmpty() {
        project.file("config.yml", "deployed_services: [web]\nframework:\n  services:\n    web: {path: ./services/web}\n")
                .service("services/web", "a={{ nope | default('d') }} b={% if nope is defined %}x{% else %}y{% endif %}\n");
        generate();
        assertThat(project.read("services/web/docker-compose.yml")).isEqualTo("a=d b=y");

        project.service("services/web", "[{{ nope }}]");
        assertThat(failure()).hasMessageContaining("undefined value 'nope': no such variable");
        new StackGenerator(Map.of(), true).generate(project.config());
        assertThat(project.read("services/web/docker-compose.yml")).isEqualTo("[]");
    }

    @Test
    void templateSyntaxErrorsNameTheLine() {
        project.file("config.yml", "deployed_services: [web]\nframework:\n  services:\n    web: {path: ./services/web}\n")
                .service("services/web", "ok\n{% if %}x{% endif %}\n");
        assertThat(failure()).hasMessage("services/web/docker-compose.yml.j2:2: Syntax error in '{% if %}': Tag 'if' expects expression");
        project.service("services/web", "ok\n\n{% endfor %}\n");
        assertThat(failure()).hasMessage("services/web/docker-compose.yml.j2:3: Missing start tag");
        project.service("services/web", "{% for x in [1] %}\nno end\n");
        assertThat(failure()).hasMessageStartingWith("services/web/docker-compose.yml.j2:1: Syntax error in '{% for x in [1] %}': Missing end tag");
    }

    // ---- build directory ------------------------------------------------------------------------------------------------

    @Test
    void theBuildDirectoryHoldsRenderedCopiedAndFlattenedFiles() throws Exception {
        project.file("config.yml", """
                        deployed_services: [jupyter]
                        framework:
                          services:
                            jupyter:
                              path: ./services/framework/jupyter
                              copy_src: true
                              render_kernel_templates: true
                              additional_dirs:
                                - docs
                                - {src_dir: _agent_data, dest_dir: agent_data}
                                - {src: notes/one.txt, dst: extra/one.txt}
                        """)
                .service("services/framework/jupyter", "services: {}\n")
                .file("services/framework/jupyter/Dockerfile", "FROM x\n")
                .file("services/framework/jupyter/other.j2", "top-level templates are not copied")
                .file("services/framework/jupyter/kernels/a/b/kernel.json.j2", "{\"name\": \"{{ service.path }}\"}\n")
                .file("src/pkg/mod.py", "print(1)\n")
                .file("requirements.txt", "jinja2\n")
                .file("pyproject.toml", "[project]\n")
                .file("docs/index.md", "# docs\n")
                .file("_agent_data/x/y.txt", "data\n")
                .file("notes/one.txt", "one\n");
        Files.setPosixFilePermissions(dir.resolve("src/pkg/mod.py"), java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        generate();
        assertThat(project.build("services/framework/jupyter/repo_src/pkg/mod.py")).isExecutable();
        Map<String, String> tree = TestProject.snapshot(project.build("services/framework/jupyter"));
        assertThat(tree.keySet()).containsExactlyInAnyOrder("docker-compose.yml", "Dockerfile", "config.yml",
                "kernels/a/b/kernel.json.j2", "kernels/a/b/kernel.json", "repo_src/pkg/mod.py",
                "repo_src/requirements.txt", "repo_src/pyproject.toml", "docs/index.md", "agent_data/x/y.txt", "extra/one.txt");
        assertThat(tree).containsEntry("kernels/a/b/kernel.json", "{\"name\": \"./services/framework/jupyter\"}");
        assertThat(project.read("services/docker-compose.yml")).isEqualTo("networks:\n  net: {}");
    }

    @Test
    void copiedFilesAndDirectoriesKeepTheirModeBitsAndModificationTimes() throws Exception {
        project.file("config.yml", """
                        deployed_services: [web]
                        framework:
                          services:
                            web:
                              path: ./services/web
                              copy_src: true
                              additional_dirs: [{src: notes/private.txt, dst: private.txt}, _agent_data]
                        """)
                .service("services/web", "x")
                .file("services/web/entrypoint.sh", "#!/bin/sh\n")
                .file("services/web/read-only/x.txt", "x\n")
                .file("src/old.py", "print('old')\n")
                .file("requirements.txt", "jinja2\n")
                .file("notes/private.txt", "mine\n")
                .file("_agent_data/shared/.keep", "");
        Files.setPosixFilePermissions(dir.resolve("services/web/entrypoint.sh"), PosixFilePermissions.fromString("rwxr-x---"));
        Files.setPosixFilePermissions(dir.resolve("notes/private.txt"), PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(dir.resolve("_agent_data/shared"), PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.setPosixFilePermissions(dir.resolve("services/web/read-only"), PosixFilePermissions.fromString("r-xr-xr-x"));
        FileTime old = FileTime.from(Instant.parse("2001-02-03T04:05:06Z"));
        Files.setLastModifiedTime(dir.resolve("src/old.py"), old);
        Files.setLastModifiedTime(dir.resolve("requirements.txt"), old);
        Files.setLastModifiedTime(dir.resolve("_agent_data/shared"), old);
        generate();
        assertThat(Files.getPosixFilePermissions(project.build("services/web/_agent_data/shared")))
                .as("a directory a container writes to stays writable").isEqualTo(PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThat(Files.getLastModifiedTime(project.build("services/web/_agent_data/shared"))).isEqualTo(old);
        assertThat(Files.getPosixFilePermissions(project.build("services/web/read-only")))
                .as("the owner keeps rwx on directories, so the build can be replaced").isEqualTo(PosixFilePermissions.fromString("rwxr-xr-x"));
        generate();
        assertThat(dir).isDirectoryNotContaining(p -> p.getFileName().toString().contains(".capstan-"));

        assertThat(Files.getPosixFilePermissions(project.build("services/web/entrypoint.sh")))
                .isEqualTo(PosixFilePermissions.fromString("rwxr-x---"));
        assertThat(Files.getPosixFilePermissions(project.build("services/web/private.txt")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getLastModifiedTime(project.build("services/web/repo_src/old.py"))).isEqualTo(old);
        assertThat(Files.getLastModifiedTime(project.build("services/web/repo_src/requirements.txt"))).isEqualTo(old);
        assertThat(Files.getLastModifiedTime(project.build("services/web/entrypoint.sh")))
                .isEqualTo(Files.getLastModifiedTime(dir.resolve("services/web/entrypoint.sh")));
    }

    @Test
    void servicesNoLongerDeployedLoseTheirBuildDirectory() {
        project.file("config.yml", "deployed_services: [a, b]\nframework:\n  services:\n    a: {path: ./services/a}\n    b: {path: ./services/b}\n")
                .service("services/a", "a").service("services/b", "b");
        generate();
        assertThat(project.build("services/b")).isDirectory();
        project.file("config.yml", "deployed_services: [a]\nframework:\n  services:\n    a: {path: ./services/a}\n    b: {path: ./services/b}\n");
        generate();
        assertThat(project.build("services/a/docker-compose.yml")).isRegularFile();
        assertThat(project.build("services/b")).doesNotExist();
        assertThat(dir).isDirectoryNotContaining(p -> p.getFileName().toString().contains(".capstan-"));
    }

    @Test
    void aFailedGenerationLeavesThePreviousBuildExactlyAsItWas() {
        project.file("config.yml", "deployed_services: [a, b]\nframework:\n  services:\n    a: {path: ./services/a}\n    b: {path: ./services/b}\n")
                .service("services/a", "a={{ framework.services.a.path }}").service("services/b", "b");
        generate();
        Map<String, String> before = TestProject.snapshot(dir.resolve("build"));

        project.service("services/b", "{{ broken.value }}");
        assertThatThrownBy(this::generate).isInstanceOf(ConfigException.class);
        assertThat(TestProject.snapshot(dir.resolve("build"))).isEqualTo(before);
        assertThat(dir).isDirectoryNotContaining(p -> p.getFileName().toString().contains(".capstan-"));
    }

    @Test
    void pathsThatLeaveTheProjectAreRejectedBeforeAnythingIsTouched() throws Exception {
        project.file("config.yml", "deployed_services: [a]\nframework:\n  services:\n    a: {path: ./services/a}\n")
                .service("services/a", "a");
        generate();
        Map<String, String> before = TestProject.snapshot(dir.resolve("build"));
        Files.createDirectories(dir.resolveSibling(dir.getFileName() + "-outside"));

        for (String config : List.of(
                "deployed_services: [a]\nframework:\n  services:\n    a: {path: ../" + dir.getFileName() + "-outside}\n",
                "deployed_services: [a]\nframework:\n  services:\n    a:\n      path: ./services/a\n      additional_dirs: [../../etc]\n",
                "deployed_services: [a]\nframework:\n  services:\n    a:\n      path: ./services/a\n      additional_dirs: [{src: docs, dst: ../../escape}]\n",
                "build_dir: ../out\ndeployed_services: [a]\nframework:\n  services:\n    a: {path: ./services/a}\n")) {
            project.file("config.yml", config).file("docs/x", "x");
            assertThat(failure().getMessage()).as(config).containsAnyOf("leaves the project directory", "inside the project directory",
                    "inside the service's build directory");
        }
        assertThat(TestProject.snapshot(dir.resolve("build"))).isEqualTo(before);
        assertThat(dir.resolveSibling("out")).doesNotExist();
    }

    @Test
    void aBuildDirectoryThatWouldOverwriteInputsIsRejected() {
        project.file("config.yml", "build_dir: ./services\ndeployed_services: [a]\nframework:\n  services:\n    a: {path: ./services/a}\n")
                .service("services/a", "a");
        assertThat(failure()).hasMessageContaining("build_dir services overlaps");
        assertThat(dir.resolve("services/a/docker-compose.yml.j2")).exists();
    }

    @Test
    void aDirectoryCapstanDidNotMakeIsNotReplaced() {
        project.file("config.yml", "deployed_services: []\n").file("build/precious.txt", "mine");
        assertThat(failure()).hasMessageContaining("build_dir build exists and was not made by Capstan");
        assertThat(dir.resolve("build/precious.txt")).hasContent("mine");
    }
}
