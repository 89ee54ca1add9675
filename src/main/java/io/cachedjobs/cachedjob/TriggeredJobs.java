package io.cachedjobs.cachedjob;

import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.annotation.JsonSerialize;

/**
 * The answer to a trigger: the jobs it wrote (already committed), as a JSON array of cached jobs,
 * made from their rows as it is written out. Right after the trigger, the first chunk came back
 * from the write itself and the others are read back by id a chunk at a time; on the replay of a
 * keyed trigger, the run's jobs are read back a chunk at a time. Either way a trigger of a hundred
 * thousand queries never holds its answer in memory.
 */
@JsonSerialize(using = TriggeredJobs.AsArray.class)
final class TriggeredJobs {

    private final int size;
    private final Consumer<Consumer<CachedJob>> rows;

    /** {@code size} jobs, which {@code rows} gives, in order, to the consumer it is given. */
    TriggeredJobs(int size, Consumer<Consumer<CachedJob>> rows) {
        this.size = size;
        this.rows = rows;
    }

    /** The jobs a trigger has just written: those its write returned, then the others read by id. */
    static TriggeredJobs written(TriggerInsert.Written written, BiConsumer<List<UUID>, Consumer<CachedJob>> reader) {
        return new TriggeredJobs(written.ids().size(), each -> {
            written.first().forEach(each);
            List<UUID> ids = written.ids();
            if (ids.size() > written.first().size()) {
                reader.accept(ids.subList(written.first().size(), ids.size()), each);
            }
        });
    }

    int size() {
        return size;
    }

    /** Each job's answer, in order, made from its row as it is written out. */
    void forEach(Consumer<CachedJobResponse> each) {
        rows.accept(job -> each.accept(job.toResponse()));
    }

    static final class AsArray extends ValueSerializer<TriggeredJobs> {

        @Override
        public void serialize(TriggeredJobs jobs, JsonGenerator json, SerializationContext context) {
            json.writeStartArray();
            try {
                jobs.forEach(job -> context.writeValue(json, job));
            } catch (RuntimeException e) {
                // Closing the generator would close the array too, and a partial answer would look
                // whole: left open, the broken answer shows as broken.
                json.configure(StreamWriteFeature.AUTO_CLOSE_CONTENT, false);
                throw new TriggerAnswerLost(jobs.size(), e);
            }
            json.writeEndArray();
        }
    }
}
