-- The same statements for SQLite and PostgreSQL (the SQL they share). Times are ISO-8601 UTC text of fixed width
-- (so they sort); JSON values are text.

-- Replicas a request stopped (a JSON list of container ids): the reconciler leaves them stopped.
ALTER TABLE desired_images ADD COLUMN stopped TEXT NOT NULL DEFAULT '[]';

-- The service registry: endpoints that clients (a load balancer) register, with their last heartbeat.
CREATE TABLE registry_endpoints (
    id             TEXT    PRIMARY KEY,
    image_id       TEXT    NOT NULL,
    host           TEXT    NOT NULL,
    port           INTEGER NOT NULL,
    caps           TEXT,
    status         TEXT    NOT NULL,
    last_heartbeat TEXT    NOT NULL
);
CREATE INDEX registry_endpoints_image ON registry_endpoints (image_id);
