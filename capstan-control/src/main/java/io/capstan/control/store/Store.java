package io.capstan.control.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The control plane's persistent state: desired images, lifecycle events and health history. Embedded SQLite by
 * default, PostgreSQL when configured; both pass the same contract. Failures are
 * {@link io.capstan.core.error.EngineException}s naming the database.
 */
public interface Store extends AutoCloseable {

    /** Inserts or replaces the desired state of {@code desired.image()}. */
    void upsertDesired(DesiredImage desired);

    Optional<DesiredImage> desired(String image);

    /** All desired images, by image name. */
    List<DesiredImage> listDesired();

    /** @return whether there was one to delete */
    boolean deleteDesired(String image);

    /** Stores the event and returns it with its id. */
    EventRecord recordEvent(EventRecord event);

    /**
     * Stores an event that came from the engine's event stream, unless one with the same {@code eventKey} (the
     * engine's identity of that event) is stored already: replaying the stream records nothing twice.
     *
     * @return the stored event with its id, or empty when it was a repeat
     */
    Optional<EventRecord> recordEngineEvent(EventRecord event, String eventKey);

    /**
     * {@link #recordEngineEvent} for several events at once, in one transaction: all are stored, in order, or none.
     *
     * @return for each event, in the same order, the stored event with its id, or empty when it was a repeat
     */
    List<Optional<EventRecord>> recordEngineEvents(List<KeyedEvent> events);

    /** The time of the newest event recorded from the engine's stream, where a replay should start. */
    Optional<Instant> lastEngineEventTime();

    /** Newest first; {@code image} null for every image. */
    List<EventRecord> listEvents(String image, int limit);

    /**
     * Events recorded after the one with id {@code afterId}, in the order they were recorded (at most {@code limit}):
     * for following the table. {@code image} null for every image.
     */
    List<EventRecord> eventsAfter(String image, long afterId, int limit);

    /** Newest first, for one container. */
    List<EventRecord> eventsOf(String containerId, int limit);

    /** The newest event named {@code event} (such as {@code autoscale}) of each image that has one. */
    List<EventRecord> latestPerImage(String event);

    /**
     * Stores one cycle's samples in one transaction: all are stored or none.
     *
     * @return the samples with their ids, in the same order
     */
    List<HealthSnapshot> recordHealth(List<HealthSnapshot> snapshots);

    /** Stores one sample and returns it with its id. */
    default HealthSnapshot recordHealth(HealthSnapshot snapshot) {
        return recordHealth(List.of(snapshot)).getFirst();
    }

    /** Newest first; either filter may be null. */
    List<HealthSnapshot> recentHealth(String image, String containerId, int limit);

    /** Samples of one container taken at or after {@code since}, oldest first. */
    List<HealthSnapshot> healthSince(String containerId, Instant since);

    /** Deletes samples older than {@code before}; returns how many. */
    int pruneHealth(Instant before);

    /** Inserts or replaces the endpoint with {@code endpoint.id()}. */
    void upsertEndpoint(RegistryEndpoint endpoint);

    Optional<RegistryEndpoint> endpoint(String id);

    /** Every registered endpoint, by id. */
    List<RegistryEndpoint> listEndpoints();

    /** @return whether there was one to delete */
    boolean deleteEndpoint(String id);

    /** Where the data lives, for messages: a file path or a JDBC URL without credentials. */
    String location();

    @Override
    void close();
}
