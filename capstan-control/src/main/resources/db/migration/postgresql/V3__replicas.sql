-- Desired state the reconciler acts on: the replica count it holds (between min and max; the autoscaler moves it),
-- the command replicas run, and the optional autoscaling policy (null when off).
ALTER TABLE desired_images ADD COLUMN replicas INTEGER;
ALTER TABLE desired_images ADD COLUMN command JSONB NOT NULL DEFAULT '[]';
ALTER TABLE desired_images ADD COLUMN autoscale JSONB;
-- The engine's own healthcheck verdict at sampling time (healthy, unhealthy, starting, none).
ALTER TABLE health_snapshots ADD COLUMN engine_health TEXT;
