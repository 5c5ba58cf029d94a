-- Bytes in the container's writable layer at sampling time, where the engine reports it.
ALTER TABLE health_snapshots ADD COLUMN disk_layer_bytes BIGINT;
