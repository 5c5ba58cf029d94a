package io.capstan.docker;

import io.capstan.core.model.EventKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DockerEventKindsTest {
    @Test
    void dockersVerbsBecomeKinds() {
        assertThat(DockerEventKinds.of("create")).isEqualTo(EventKind.CREATED);
        assertThat(DockerEventKinds.of("start")).isEqualTo(EventKind.STARTED);
        assertThat(DockerEventKinds.of("kill")).isEqualTo(EventKind.KILLED);
        assertThat(DockerEventKinds.of("die")).isEqualTo(EventKind.DIED);
        assertThat(DockerEventKinds.of("destroy")).isEqualTo(EventKind.DESTROYED);
        assertThat(DockerEventKinds.of("oom")).isEqualTo(EventKind.OOM);
        assertThat(DockerEventKinds.of("pause")).isEqualTo(EventKind.PAUSED);
        assertThat(DockerEventKinds.of("stop")).isEqualTo(EventKind.STOPPED);
        assertThat(DockerEventKinds.of("restart")).isEqualTo(EventKind.RESTARTED);
        assertThat(DockerEventKinds.of("unpause")).isEqualTo(EventKind.UNPAUSED);
        assertThat(DockerEventKinds.of("update")).isEqualTo(EventKind.UPDATED);
        assertThat(DockerEventKinds.of("rename")).isEqualTo(EventKind.RENAMED);
    }

    @Test
    void everyHealthVerdictIsAHealthEvent() {
        assertThat(DockerEventKinds.of("health_status: healthy")).isEqualTo(EventKind.HEALTH);
        assertThat(DockerEventKinds.of("health_status: unhealthy")).isEqualTo(EventKind.HEALTH);
        assertThat(DockerEventKinds.of("health_status")).isEqualTo(EventKind.HEALTH);
    }

    @Test
    void aVerbWithoutAKindIsOther() {
        assertThat(DockerEventKinds.of("exec_create: sh")).isEqualTo(EventKind.OTHER);
        assertThat(DockerEventKinds.of("")).isEqualTo(EventKind.OTHER);
    }
}
