package io.capstan.control.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.capstan.core.error.EngineException;
import org.flywaydb.core.Flyway;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The store over JDBC: one set of statements in the SQL that PostgreSQL and SQLite share ({@code ON CONFLICT},
 * {@code RETURNING}); what differs (column types, reading times) lives in the Flyway migrations and
 * {@link Dialect}. Connections come from a pool; the schema is migrated on open.
 */
public final class JdbcStore implements Store {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    /** Fixed width, so that SQLite's text times sort as times. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    /** The two databases Capstan stores into. */
    public enum Dialect { SQLITE, POSTGRESQL }

    private final HikariDataSource pool;
    private final Dialect dialect;
    private final String location;

    JdbcStore(HikariDataSource pool, Dialect dialect, String location) {
        this.pool = pool;
        this.dialect = dialect;
        this.location = location;
        try {
            Flyway.configure().dataSource(pool).locations("classpath:db/migration/" + dialect.name().toLowerCase())
                    .load().migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw new EngineException("cannot prepare the database at " + location + ": " + rootMessage(e), e);
        }
    }

    @Override
    public void upsertDesired(DesiredImage d) {
        update("INSERT INTO desired_images (image, min_replicas, max_replicas, replicas, resources, env, ports, command, "
                        + "autoscale, updated_at, stopped) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (image) DO UPDATE SET "
                        + "min_replicas = excluded.min_replicas, max_replicas = excluded.max_replicas, "
                        + "replicas = excluded.replicas, resources = excluded.resources, env = excluded.env, "
                        + "ports = excluded.ports, command = excluded.command, autoscale = excluded.autoscale, "
                        + "updated_at = excluded.updated_at, stopped = excluded.stopped",
                d.image(), d.minReplicas(), d.maxReplicas(), d.replicas(), json(d.resources()), json(d.env()),
                json(d.ports()), json(d.command()), d.autoscale() == null ? null : json(d.autoscale().toJson()),
                time(d.updatedAt()), json(d.stopped()));
    }

    @Override
    public Optional<DesiredImage> desired(String image) {
        return query("SELECT * FROM desired_images WHERE image = ?", this::desiredRow, image).stream().findFirst();
    }

    @Override
    public List<DesiredImage> listDesired() {
        return query("SELECT * FROM desired_images ORDER BY image", this::desiredRow);
    }

    @Override
    public boolean deleteDesired(String image) {
        return update("DELETE FROM desired_images WHERE image = ?", image) > 0;
    }

    @Override
    public EventRecord recordEvent(EventRecord e) {
        long id = insert("INSERT INTO events (image, container_id, name, host, ports, status, event, ts) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                e.image(), e.containerId(), e.name(), e.host(), json(e.ports()), e.status(), e.event(), time(e.ts()));
        return e.withId(id);
    }

    private static final String INSERT_ENGINE_EVENT = "INSERT INTO events (image, container_id, name, host, ports, "
            + "status, event, ts, event_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_key) DO NOTHING "
            + "RETURNING id";

    @Override
    public Optional<EventRecord> recordEngineEvent(EventRecord e, String eventKey) {
        return recordEngineEvents(List.of(new KeyedEvent(e, eventKey))).getFirst();
    }

    @Override
    public List<Optional<EventRecord>> recordEngineEvents(List<KeyedEvent> events) {
        List<Optional<EventRecord>> stored = new ArrayList<>(events.size());
        inOneTransaction(INSERT_ENGINE_EVENT, ps -> {
            for (KeyedEvent k : events) {
                EventRecord e = k.event();
                set(ps, e.image(), e.containerId(), e.name(), e.host(), json(e.ports()), e.status(), e.event(),
                        time(e.ts()), k.key());
                try (ResultSet rs = ps.executeQuery()) {
                    stored.add(rs.next() ? Optional.of(e.withId(rs.getLong(1))) : Optional.empty());
                }
            }
        });
        return stored;
    }

    /** What one transaction does with its prepared statement. */
    private interface Batch {
        void run(PreparedStatement statement) throws SQLException;
    }

    /** Runs {@code batch} with {@code sql} prepared, in one transaction: all of it is committed, or none. */
    private void inOneTransaction(String sql, Batch batch) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                batch.run(ps);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override
    public Optional<Instant> lastEngineEventTime() {
        return query("SELECT ts FROM events WHERE event_key IS NOT NULL ORDER BY ts DESC LIMIT 1",
                rs -> instant(rs, "ts")).stream().findFirst();
    }

    @Override
    public List<EventRecord> listEvents(String image, int limit) {
        return image == null
                ? query("SELECT * FROM events ORDER BY ts DESC, id DESC LIMIT ?", this::eventRow, limit)
                : query("SELECT * FROM events WHERE image = ? ORDER BY ts DESC, id DESC LIMIT ?", this::eventRow, image, limit);
    }

    @Override
    public List<EventRecord> eventsAfter(String image, long afterId, int limit) {
        return image == null
                ? query("SELECT * FROM events WHERE id > ? ORDER BY id LIMIT ?", this::eventRow, afterId, limit)
                : query("SELECT * FROM events WHERE id > ? AND image = ? ORDER BY id LIMIT ?", this::eventRow, afterId,
                image, limit);
    }

    @Override
    public List<EventRecord> eventsOf(String containerId, int limit) {
        return query("SELECT * FROM events WHERE container_id = ? ORDER BY ts DESC, id DESC LIMIT ?", this::eventRow,
                containerId, limit);
    }

    @Override
    public List<EventRecord> latestPerImage(String event) {
        return query("SELECT * FROM events WHERE id IN (SELECT MAX(id) FROM events WHERE event = ? AND image IS NOT NULL "
                + "GROUP BY image) ORDER BY image", this::eventRow, event);
    }

    @Override
    public List<HealthSnapshot> recordHealth(List<HealthSnapshot> snapshots) {
        if (snapshots.isEmpty()) {
            return List.of();
        }
        List<HealthSnapshot> stored = new ArrayList<>(snapshots.size());
        inOneTransaction("INSERT INTO health_snapshots (image, container_id, name, host, cpu_usage, memory_usage, "
                + "disk_usage, disk_layer_bytes, status, engine_health, ts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "RETURNING id", ps -> {
            for (HealthSnapshot h : snapshots) {
                set(ps, h.image(), h.containerId(), h.name(), h.host(), h.cpuUsage(), h.memoryUsage(), h.diskUsage(),
                        h.diskLayerBytes(), h.status(), h.engineHealth(), time(h.ts()));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    stored.add(h.withId(rs.getLong(1)));
                }
            }
        });
        return stored;
    }

    @Override
    public List<HealthSnapshot> recentHealth(String image, String containerId, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM health_snapshots WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        if (image != null) {
            sql.append(" AND image = ?");
            args.add(image);
        }
        if (containerId != null) {
            sql.append(" AND container_id = ?");
            args.add(containerId);
        }
        sql.append(" ORDER BY ts DESC, id DESC LIMIT ?");
        args.add(limit);
        return query(sql.toString(), this::healthRow, args.toArray());
    }

    @Override
    public List<HealthSnapshot> healthSince(String containerId, Instant since) {
        return query("SELECT * FROM health_snapshots WHERE container_id = ? AND ts >= ? ORDER BY ts, id",
                this::healthRow, containerId, time(since));
    }

    @Override
    public int pruneHealth(Instant before) {
        return update("DELETE FROM health_snapshots WHERE ts < ?", time(before));
    }

    @Override
    public void upsertEndpoint(RegistryEndpoint e) {
        update("INSERT INTO registry_endpoints (id, image_id, host, port, caps, status, last_heartbeat) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET image_id = excluded.image_id, "
                        + "host = excluded.host, port = excluded.port, caps = excluded.caps, status = excluded.status, "
                        + "last_heartbeat = excluded.last_heartbeat",
                e.id(), e.imageId(), e.host(), e.port(), e.caps() == null ? null : json(e.caps()), e.status(),
                time(e.lastHeartbeat()));
    }

    @Override
    public Optional<RegistryEndpoint> endpoint(String id) {
        return query("SELECT * FROM registry_endpoints WHERE id = ?", JdbcStore::endpointRow, id).stream().findFirst();
    }

    @Override
    public List<RegistryEndpoint> listEndpoints() {
        return query("SELECT * FROM registry_endpoints ORDER BY id", JdbcStore::endpointRow);
    }

    @Override
    public boolean deleteEndpoint(String id) {
        return update("DELETE FROM registry_endpoints WHERE id = ?", id) > 0;
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public void close() {
        pool.close();
    }

    // ---- rows ---------------------------------------------------------------------------------------------------------

    private DesiredImage desiredRow(ResultSet rs) throws SQLException {
        int min = rs.getInt("min_replicas");
        int replicas = rs.getInt("replicas");
        return new DesiredImage(rs.getString("image"), min, rs.getInt("max_replicas"), rs.wasNull() ? min : replicas,
                map(rs.getString("resources")), map(rs.getString("env")), map(rs.getString("ports")),
                strings(rs.getString("command")), Autoscale.fromJson(map(rs.getString("autoscale"))),
                instant(rs, "updated_at"), strings(rs.getString("stopped")));
    }

    /** Text in both databases (the registry's migration is their shared SQL). */
    private static RegistryEndpoint endpointRow(ResultSet rs) throws SQLException {
        String caps = rs.getString("caps");
        return new RegistryEndpoint(rs.getString("id"), rs.getString("image_id"), rs.getString("host"),
                rs.getInt("port"), caps == null ? null : map(caps), rs.getString("status"),
                Instant.parse(rs.getString("last_heartbeat")));
    }

    private EventRecord eventRow(ResultSet rs) throws SQLException {
        return new EventRecord(rs.getLong("id"), rs.getString("image"), rs.getString("container_id"), rs.getString("name"),
                rs.getString("host"), map(rs.getString("ports")), rs.getString("status"), rs.getString("event"),
                instant(rs, "ts"));
    }

    private HealthSnapshot healthRow(ResultSet rs) throws SQLException {
        return new HealthSnapshot(rs.getLong("id"), rs.getString("image"), rs.getString("container_id"),
                rs.getString("name"), rs.getString("host"), rs.getDouble("cpu_usage"), rs.getDouble("memory_usage"),
                rs.getDouble("disk_usage"), rs.getObject("disk_layer_bytes") == null ? null : rs.getLong("disk_layer_bytes"),
                rs.getString("status"), rs.getString("engine_health"), instant(rs, "ts"));
    }

    private Instant instant(ResultSet rs, String column) throws SQLException {
        return dialect == Dialect.POSTGRESQL
                ? rs.getObject(column, OffsetDateTime.class).toInstant()
                : Instant.parse(rs.getString(column));
    }

    // ---- plumbing -----------------------------------------------------------------------------------------------------

    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, Row<T> row, Object... args) {
        try (Connection c = pool.getConnection(); PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
            List<T> result = new ArrayList<>();
            while (rs.next()) {
                result.add(row.read(rs));
            }
            return result;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private int update(String sql, Object... args) {
        try (Connection c = pool.getConnection(); PreparedStatement ps = prepare(c, sql, args)) {
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private long insert(String sql, Object... args) {
        try (Connection c = pool.getConnection(); PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        set(ps, args);
        return ps;
    }

    private static void set(PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
    }

    private EngineException failure(SQLException e) {
        return new EngineException("the database at " + location + " failed: " + rootMessage(e), e);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage()).strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static String time(Instant instant) {
        return TIME.format(instant);
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot store " + value + " as JSON", e);
        }
    }

    private static List<String> strings(String json) {
        try {
            return json == null ? List.of() : JSON.readValue(json, STRINGS);
        } catch (JsonProcessingException e) {
            throw new EngineException("a stored JSON value is unreadable: " + e.getOriginalMessage(), e);
        }
    }

    private static Map<String, Object> map(String json) {
        try {
            return json == null ? Map.of() : JSON.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new EngineException("a stored JSON value is unreadable: " + e.getOriginalMessage(), e);
        }
    }
}
