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
 * The answer to a trigger: the jobs it wrote (already committed), as a JSON array of cached jobs.
 * The first chunk came back from the write itself; the others are read back a chunk at a time while
 * the answer is written, so that a trigger of a hundred thousand queries never holds its answer in
 * memory.
 */
@JsonSerialize(using = TriggeredJobs.AsArray.class)
final class TriggeredJobs {

    private final TriggerInsert.Written written;
    private final BiConsumer<List<UUID>, Consumer<CachedJob>> reader;

    TriggeredJobs(TriggerInsert.Written written, BiConsumer<List<UUID>, Consumer<CachedJob>> reader) {
        this.written = written;
        this.reader = reader;
    }

    int size() {
        return written.ids().size();
    }

    /** Each job's answer, in order, made from its row as it is written out. */
    void forEach(Consumer<CachedJobResponse> each) {
        Consumer<CachedJob> answer = job -> each.accept(job.toResponse());
        written.first().forEach(answer);
        List<UUID> ids = written.ids();
        if (ids.size() > written.first().size()) {
            reader.accept(ids.subList(written.first().size(), ids.size()), answer);
        }
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
