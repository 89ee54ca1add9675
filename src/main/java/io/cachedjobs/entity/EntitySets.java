package io.cachedjobs.entity;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The version of a project's entities ({@code entity_sets}): raised, in its transaction, by every
 * change to what the extraction reads of them. Every entity change locks the project's row until the
 * commit, so a project's entity changes happen one after the other and each one's checks see every
 * change before it.
 */
@Component
class EntitySets {

    private final JdbcClient jdbc;

    EntitySets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The project's version, its row locked until the commit (made at 1 if it had none). */
    long lock(UUID projectId, Instant now) {
        return jdbc.sql("""
                        INSERT INTO entity_sets (project_id, version, updated_at) VALUES (:project, 1, :now)
                        ON CONFLICT (project_id) DO UPDATE SET version = entity_sets.version
                        RETURNING version""")
                .param("project", projectId)
                .param("now", Timestamp.from(now))
                .query(Long.class)
                .single();
    }

    /** The project's next version, its row locked until the commit; the first is 1. */
    long raise(UUID projectId, Instant now) {
        return jdbc.sql("""
                        INSERT INTO entity_sets (project_id, version, updated_at) VALUES (:project, 1, :now)
                        ON CONFLICT (project_id) DO UPDATE SET version = entity_sets.version + 1, updated_at = :now
                        RETURNING version""")
                .param("project", projectId)
                .param("now", Timestamp.from(now))
                .query(Long.class)
                .single();
    }
}
