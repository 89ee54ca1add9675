package io.cachedjobs.cachedjob;

import java.util.List;

interface CachedJobBatchWriter {

    /** Writes new jobs with JDBC batches (one round trip per thousand rows), never a save per row. */
    void insertAll(List<CachedJobResponse> jobs);
}
