package io.capstan.stack.run;

import io.capstan.core.label.Labels;
import io.capstan.core.model.ContainerStatus;
import io.capstan.core.model.Health;
import io.capstan.stack.compose.ComposeProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code up} on the fake engine: what it creates and in which order, how it waits for {@code depends_on}
 * conditions (the test plays the dependency's healthcheck and process), and that a second up changes only what
 * changed. {@code StackRunnerIT} covers the same on the real engine.
 */
class StackUpOnFakeEngineTest {
    private static final Duration GUARD = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private FakeStack stack() {
        return new FakeStack(dir);
    }

    @Test
    void createsNetworksAndVolumesFirstThenEachServiceAfterWhatItDependsOn() {
        FakeStack fake = stack();
        ComposeProject shop = fake.project("shop", """
                services:
                  web: {image: capstan-busybox:test, depends_on: [api], ports: ["8080:80"]}
                  api: {image: capstan-busybox:test, depends_on: [db]}
                  db: {image: capstan-busybox:test, volumes: ["data:/data"]}
                volumes:
                  data: {}
                """);

        StackRunner.UpResult up = fake.runner(shop).up(StackRunner.UpOptions.DEFAULT);

        assertThat(fake.callsOf("networks.create", "volumes.create", "containers.create", "containers.start"))
                .containsExactly("networks.create shop_default", "volumes.create shop_data",
                        "containers.create shop-db-1", "containers.start shop-db-1",
                        "containers.create shop-api-1", "containers.start shop-api-1",
                        "containers.create shop-web-1", "containers.start shop-web-1");
        assertThat(up.created()).hasSize(3 + 2).contains("network:shop_default", "volume:shop_data");
        for (String service : List.of("db", "api", "web")) {
            assertThat(fake.container(shop, service).status()).isEqualTo(ContainerStatus.RUNNING);
            assertThat(fake.container(shop, service).networks()).containsExactly("shop_default");
            assertThat(fake.container(shop, service).labels()).containsEntry(Labels.STACK, "shop")
                    .containsEntry(Labels.SERVICE, service);
        }
        assertThat(fake.engine.volumes().inspect("shop_data").labels()).containsEntry(Labels.STACK, "shop");
    }

    private static final String HEALTHY_DB = """
            services:
              db:
                image: capstan-busybox:test
                healthcheck: {test: ["CMD", "true"], interval: 1s}
              app:
                image: capstan-busybox:test
                depends_on: {db: {condition: service_healthy}}
              independent: {image: capstan-busybox:test}
            """;

    @Test
    void serviceHealthyWaitsUntilTheEngineReportsTheDependencyHealthy() throws Exception {
        FakeStack fake = stack();
        ComposeProject shop = fake.project("shop", HEALTHY_DB);

        CompletableFuture<StackRunner.UpResult> up = fake.upInBackground(shop, StackRunner.UpOptions.DEFAULT);
        await().atMost(GUARD).until(() -> fake.progress.contains("app waiting for db to be healthy"));
        assertThat(fake.container(shop, "db").health()).isEqualTo(Health.STARTING);
        assertThat(fake.exists("shop-app-1")).as("not created while db is starting").isFalse();

        fake.engine.health("shop-db-1", Health.HEALTHY);

        assertThat(up.get(GUARD.toSeconds(), TimeUnit.SECONDS).created()).hasSize(3 + 1);
        assertThat(fake.container(shop, "app").status()).isEqualTo(ContainerStatus.RUNNING);
    }

    @Test
    void anUnhealthyDependencyFailsTheUpAndItsDependentIsNeverCreated() {
        FakeStack fake = stack();
        ComposeProject shop = fake.project("shop", HEALTHY_DB);

        CompletableFuture<StackRunner.UpResult> up = fake.upInBackground(shop, StackRunner.UpOptions.DEFAULT);
        await().atMost(GUARD).until(() -> fake.progress.contains("app waiting for db to be healthy"));
        fake.engine.health("shop-db-1", Health.UNHEALTHY);

        assertThat(up).failsWithin(GUARD).withThrowableOfType(ExecutionException.class).havingCause()
                .withMessageContaining("service 'app' was not started: 'db' is unhealthy")
                .withMessageContaining("the 2 containers this up created are left in place");
        assertThat(fake.exists("shop-app-1")).isFalse();
        assertThat(fake.container(shop, "independent").status()).as("unrelated services still start")
                .isEqualTo(ContainerStatus.RUNNING);
    }

    private static final String MIGRATION_FIRST = """
            services:
              migrate: {image: capstan-busybox:test}
              app:
                image: capstan-busybox:test
                depends_on: {migrate: {condition: service_completed_successfully}}
            """;

    @Test
    void serviceCompletedSuccessfullyWaitsForTheDependencyToExitWithZero() throws Exception {
        FakeStack fake = stack();
        ComposeProject shop = fake.project("shop", MIGRATION_FIRST);

        CompletableFuture<StackRunner.UpResult> up = fake.upInBackground(shop, StackRunner.UpOptions.DEFAULT);
        await().atMost(GUARD).until(() -> fake.progress.contains("app waiting for migrate to be completed"));
        assertThat(fake.exists("shop-app-1")).as("not created while migrate runs").isFalse();

        fake.engine.exit("shop-migrate-1", 0);

        up.get(GUARD.toSeconds(), TimeUnit.SECONDS);
        assertThat(fake.container(shop, "app").status()).isEqualTo(ContainerStatus.RUNNING);
        assertThat(fake.container(shop, "app").startedAt()).isAfter(fake.container(shop, "migrate").finishedAt());
    }

    @Test
    void aDependencyThatExitsNonZeroFailsTheUpWithItsExitCode() {
        FakeStack fake = stack();
        ComposeProject shop = fake.project("shop", MIGRATION_FIRST);

        CompletableFuture<StackRunner.UpResult> up = fake.upInBackground(shop, StackRunner.UpOptions.DEFAULT);
        await().atMost(GUARD).until(() -> fake.progress.contains("app waiting for migrate to be completed"));
        fake.engine.exit("shop-migrate-1", 3);

        assertThat(up).failsWithin(GUARD).withThrowableOfType(ExecutionException.class).havingCause()
                .withMessage("up failed: service 'app' was not started: 'migrate' did not complete successfully "
                        + "(exit code 3); the 1 container this up created is left in place (see 'ps'; --rollback "
                        + "removes them)");
        assertThat(fake.exists("shop-app-1")).isFalse();
    }

    private static final String WEB_AND_WORKER = """
            services:
              web:
                image: capstan-busybox:test
                environment: {COLOR: blue}
              worker:
                image: capstan-busybox:test
                depends_on: [web]
            """;

    @Test
    void aSecondUpWithNothingChangedTouchesNothing() {
        FakeStack fake = stack();
        ComposeProject shop = fake.project("shop", WEB_AND_WORKER);
        fake.runner(shop).up(StackRunner.UpOptions.DEFAULT);
        String web = fake.container(shop, "web").id();
        fake.calls.clear();

        StackRunner.UpResult again = fake.runner(shop).up(StackRunner.UpOptions.DEFAULT);

        assertThat(again.created()).isEmpty();
        assertThat(again.plan().changesNothing()).isTrue();
        assertThat(fake.calls).noneMatch(c -> c.matches("(containers|networks|volumes)\\.(create|start|stop|remove) .*"));
        assertThat(fake.container(shop, "web").id()).isEqualTo(web);
        assertThat(fake.progress).contains("web running unchanged", "worker running unchanged");
    }

    @Test
    void aChangedServiceIsRecreatedAndTheOthersAreKept() {
        FakeStack fake = stack();
        ComposeProject shop = fake.project("shop", WEB_AND_WORKER);
        fake.runner(shop).up(StackRunner.UpOptions.DEFAULT);
        String web = fake.container(shop, "web").id();
        String worker = fake.container(shop, "worker").id();

        ComposeProject changed = fake.project("shop", WEB_AND_WORKER.replace("COLOR: blue", "COLOR: red"));
        StackRunner.UpResult up = fake.runner(changed).up(StackRunner.UpOptions.DEFAULT);

        assertThat(up.plan().actions()).filteredOn(a -> a instanceof StackPlan.Recreate).singleElement()
                .satisfies(a -> assertThat(((StackPlan.Recreate) a).changed()).containsExactly("environment"));
        assertThat(fake.container(changed, "web").id()).isNotEqualTo(web);
        assertThat(fake.container(changed, "web").environment()).containsEntry("COLOR", "red");
        assertThat(up.created()).containsExactly(fake.container(changed, "web").id());
        assertThat(fake.exists(web)).as("the old web container").isFalse();
        assertThat(fake.container(changed, "worker").id()).as("its own config did not change").isEqualTo(worker);
        assertThat(fake.progress).contains("web recreating environment changed");
    }
}
