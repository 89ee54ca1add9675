package io.cachedjobs.cachedjob;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * A job's executions by status. The runner keeps them, in SQL, with each change of an execution
 * (in the same statement): the job's answer reads its own row. Never written through JPA.
 */
@Embeddable
public record ExecutionCounts(
        @Column(name = "total_executions", insertable = false, updatable = false)
        int total,

        @Column(name = "pending_executions", insertable = false, updatable = false)
        int pending,

        @Column(name = "running_executions", insertable = false, updatable = false)
        int running,

        @Column(name = "retrying_executions", insertable = false, updatable = false)
        int retrying,

        @Column(name = "success_executions", insertable = false, updatable = false)
        int success,

        @Column(name = "failed_executions", insertable = false, updatable = false)
        int failed) {

    static final ExecutionCounts NONE = new ExecutionCounts(0, 0, 0, 0, 0, 0);
}
