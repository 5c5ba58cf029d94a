package io.capstan.stack;

import io.capstan.core.error.ConfigException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Symbolic links in a project: followed while they stay inside it, refused (with nothing written) when they leave. */
class SymbolicLinksTest {
    @TempDir
    Path dir;
    @TempDir
    Path outside;
    TestProject project;
    Map<String, String> before;

    @BeforeEach
    void setUp() throws Exception {
        project = new TestProject(dir).rootTemplate()
                .file("config.yml", """
                        deployed_services: [web]
                        framework:
                          services:
                            web: {path: ./services/web, copy_src: true}
                        """)
                .service("services/web", "image: web")
                .file("services/web/www/index.html", "hello\n")
                .file("src/app.py", "print('app')\n");
        Files.writeString(outside.resolve("id_rsa"), "PRIVATE KEY\n");
        Files.createDirectories(outside.resolve(".ssh"));
        Files.writeString(outside.resolve(".ssh/id_rsa"), "PRIVATE KEY\n");
        generate();
        before = TestProject.snapshot(dir.resolve("build"));
    }

    private void generate() {
        new StackGenerator(Map.of(), false).generate(project.config());
    }

    private void assertRefused(String... messageParts) {
        assertThatThrownBy(this::generate).isInstanceOf(ConfigException.class)
                .hasMessageContainingAll(messageParts)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        assertThat(TestProject.snapshot(dir.resolve("build"))).as("the previous build is left as it was").isEqualTo(before);
        assertThat(dir).isDirectoryNotContaining(p -> p.getFileName().toString().contains(".capstan-"));
    }

    @Test
    void aFileLinkLeavingTheProjectIsRefusedNamingTheFileAndItsTarget() throws Exception {
        Files.createSymbolicLink(dir.resolve("services/web/www/k"), outside.resolve("id_rsa"));
        assertRefused("services/web/www/k: symbolic link to '" + outside.resolve("id_rsa") + "' leaves the project directory");
    }

    @Test
    void aDirectoryLinkLeavingTheProjectByDotDotIsRefused() throws Exception {
        Path relative = dir.resolve("services/web/www").relativize(outside.resolve(".ssh"));
        Files.createSymbolicLink(dir.resolve("services/web/www/keys"), relative);
        assertRefused("services/web/www/keys: symbolic link to '" + relative + "' leaves the project directory");
    }

    @Test
    void aDanglingLinkIsRefused() throws Exception {
        Files.createSymbolicLink(dir.resolve("services/web/www/gone"), Path.of("nothing-here.txt"));
        assertRefused("services/web/www/gone: symbolic link to 'nothing-here.txt' points to nothing");
    }

    @Test
    void aLinkInSrcCopiedByCopySrcIsCheckedToo() throws Exception {
        Files.createSymbolicLink(dir.resolve("src/creds"), outside.resolve("id_rsa"));
        assertRefused("src/creds: symbolic link to '" + outside.resolve("id_rsa") + "' leaves the project directory");
    }

    @Test
    void requirementsTxtAndTemplatesThatLinkOutsideAreRefused() throws Exception {
        Files.createSymbolicLink(dir.resolve("requirements.txt"), outside.resolve("id_rsa"));
        assertRefused("requirements.txt: symbolic link to '" + outside.resolve("id_rsa") + "'");
        Files.delete(dir.resolve("requirements.txt"));

        Files.delete(dir.resolve("services/docker-compose.yml.j2"));
        Files.createSymbolicLink(dir.resolve("services/docker-compose.yml.j2"), outside.resolve("id_rsa"));
        assertRefused("services/docker-compose.yml.j2: symbolic link to '" + outside.resolve("id_rsa") + "'");
    }

    @Test
    void aServiceTemplateLinkingOutsideIsRefused() throws Exception {
        Files.delete(dir.resolve("services/web/docker-compose.yml.j2"));
        Files.createSymbolicLink(dir.resolve("services/web/docker-compose.yml.j2"), outside.resolve("id_rsa"));
        assertRefused("services/web/docker-compose.yml.j2: symbolic link to '" + outside.resolve("id_rsa") + "'");
    }

    @Test
    void linksInsideTheProjectAreCopiedAsTheirTargetsContentLikeShutilCopytree() throws Exception {
        project.file("shared/logo.txt", "logo\n").file("shared/css/site.css", "body {}\n");
        Files.createSymbolicLink(dir.resolve("services/web/www/logo.txt"), Path.of("../../../shared/logo.txt"));
        Files.createSymbolicLink(dir.resolve("services/web/www/shared"), dir.resolve("shared"));
        Files.createSymbolicLink(dir.resolve("src/lib"), Path.of("../shared/css"));
        generate();
        Path logo = project.build("services/web/www/logo.txt");
        assertThat(Files.isSymbolicLink(logo)).isFalse();
        assertThat(logo).hasContent("logo");
        assertThat(Files.isSymbolicLink(project.build("services/web/www/shared"))).isFalse();
        assertThat(project.build("services/web/www/shared/css/site.css")).hasContent("body {}");
        assertThat(project.build("services/web/repo_src/lib/site.css")).hasContent("body {}");
    }

    @Test
    void srcAndServiceDirectoriesThatAreLinksAreFollowedInsideAndRefusedOutside() throws Exception {
        Files.move(dir.resolve("src"), dir.resolve("real-src"));
        Files.createSymbolicLink(dir.resolve("src"), Path.of("real-src"));
        Files.createSymbolicLink(dir.resolve("services/weblink"), Path.of("web"));
        project.file("config.yml", "deployed_services: [web]\nframework:\n  services:\n    web: {path: ./services/weblink, copy_src: true}\n");
        generate();
        assertThat(project.build("services/weblink/repo_src/app.py")).hasContent("print('app')");
        assertThat(project.build("services/weblink/www/index.html")).hasContent("hello");
        assertThat(project.build("services/weblink/docker-compose.yml")).hasContent("image: web");
        assertThat(project.build("services/weblink/docker-compose.yml.j2")).as("top-level templates are not copied").doesNotExist();
        before = TestProject.snapshot(dir.resolve("build"));

        Files.delete(dir.resolve("src"));
        Files.createSymbolicLink(dir.resolve("src"), outside.resolve(".ssh"));
        assertRefused("src: symbolic link to '" + outside.resolve(".ssh") + "' leaves the project directory");
    }

    @Test
    void aLinkBackToADirectoryThatHoldsItIsRefused() throws Exception {
        Files.createSymbolicLink(dir.resolve("services/web/www/loop"), Path.of(".."));
        assertRefused("services/web/www/loop: symbolic link to '..' points back to a directory that contains it");
    }
}
