-- The control plane's tables, with the seed system's names and columns.
CREATE TABLE desired_images (
    image        TEXT        PRIMARY KEY,
    min_replicas INTEGER     NOT NULL,
    max_replicas INTEGER     NOT NULL,
    resources    JSONB       NOT NULL DEFAULT '{}',
    env          JSONB       NOT NULL DEFAULT '{}',
    ports        JSONB       NOT NULL DEFAULT '{}',
    updated_at   TIMESTAMPTZ NOT NULL
);

CREATE TABLE events (
    id           BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    image        TEXT,
    container_id TEXT,
    name         TEXT,
    host         TEXT,
    ports        JSONB,
    status       TEXT,
    event        TEXT        NOT NULL,
    ts           TIMESTAMPTZ NOT NULL
);
CREATE INDEX events_image_ts ON events (image, ts);
CREATE INDEX events_container_ts ON events (container_id, ts);
CREATE INDEX events_ts ON events (ts);

CREATE TABLE health_snapshots (
    id           BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    image        TEXT,
    container_id TEXT        NOT NULL,
    name         TEXT,
    host         TEXT,
    cpu_usage    DOUBLE PRECISION,
    memory_usage DOUBLE PRECISION,
    disk_usage   DOUBLE PRECISION,
    status       TEXT        NOT NULL,
    ts           TIMESTAMPTZ NOT NULL
);
CREATE INDEX health_container_ts ON health_snapshots (container_id, ts);
CREATE INDEX health_image_ts ON health_snapshots (image, ts);
CREATE INDEX health_ts ON health_snapshots (ts);
