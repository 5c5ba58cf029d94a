-- The engine's identity of the event a row came from (container, action, time in ns), so that replaying the
-- engine's event stream after a restart or an outage never records one lifecycle change twice.
ALTER TABLE events ADD COLUMN event_key TEXT;
CREATE UNIQUE INDEX events_event_key ON events (event_key);
