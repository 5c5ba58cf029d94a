-- The control plane's tables, with the seed system's names and columns. Times are ISO-8601 UTC text of fixed
-- width (so they sort); JSON columns are text.
CREATE TABLE desired_images (
    image        TEXT    PRIMARY KEY,
    min_replicas INTEGER NOT NULL,
    max_replicas INTEGER NOT NULL,
    resources    TEXT    NOT NULL DEFAULT '{}',
    env          TEXT    NOT NULL DEFAULT '{}',
    ports        TEXT    NOT NULL DEFAULT '{}',
    updated_at   TEXT    NOT NULL
);

CREATE TABLE events (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    image        TEXT,
    container_id TEXT,
    name         TEXT,
    host         TEXT,
    ports        TEXT,
    status       TEXT,
    event        TEXT    NOT NULL,
    ts           TEXT    NOT NULL
);
CREATE INDEX events_image_ts ON events (image, ts);
CREATE INDEX events_container_ts ON events (container_id, ts);
CREATE INDEX events_ts ON events (ts);

CREATE TABLE health_snapshots (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    image        TEXT,
    container_id TEXT    NOT NULL,
    name         TEXT,
    host         TEXT,
    cpu_usage    REAL,
    memory_usage REAL,
    disk_usage   REAL,
    status       TEXT    NOT NULL,
    ts           TEXT    NOT NULL
);
CREATE INDEX health_container_ts ON health_snapshots (container_id, ts);
CREATE INDEX health_image_ts ON health_snapshots (image, ts);
CREATE INDEX health_ts ON health_snapshots (ts);
