package io.cachedjobs.cachedjob;

import io.cachedjobs.idempotency.AnswerReferences;
import io.cachedjobs.idempotency.ReferencedAnswer;
import java.io.OutputStream;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * A keyed trigger's answer, kept as its run: a trigger of a hundred thousand queries answers tens
 * of megabytes, too much to hold for its retries. The run id is kept in the trigger's transaction,
 * and a retry with the key reads the run's jobs again, as they are now (a job deleted since is
 * left out, one that ran since shows its new status).
 */
@Component
class TriggerReplay implements ReferencedAnswer {

    private final AnswerReferences references;
    private final CachedJobFastPaths fastPaths;
    private final JsonMapper json;

    TriggerReplay(AnswerReferences references, CachedJobFastPaths fastPaths, JsonMapper json) {
        this.references = references;
        this.fastPaths = fastPaths;
        this.json = json;
    }

    /** In the trigger's transaction: its run id becomes the answer kept for its key, if it has one. */
    @EventListener
    void keepRun(CachedJobsTriggered triggered) {
        references.keep(HttpStatus.CREATED.value(), triggered.runId());
    }

    @Override
    public void write(UUID organisation, UUID runId, OutputStream body) {
        TriggeredJobs jobs = new TriggeredJobs(
                fastPaths.countRun(runId, organisation), each -> fastPaths.readRun(runId, organisation, each));
        json.writeValue(body, jobs);
    }
}
