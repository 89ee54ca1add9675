package io.cachedjobs.analysis;

import io.cachedjobs.common.Times;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;

/**
 * The port the runner calls when it records a successful execution, inside the transaction that
 * records it: the answer's rows are derived there and then, with the project's entities as they are
 * (about a millisecond of extraction for an answer of 1,500 characters and ten entities, and three
 * statements: {@link AnswerRows#deriveRecorded}; docs/analysis.md). A failure of the derivation never fails the recording (the engine
 * would be asked again): it is undone to a savepoint, and the answer left to the background task.
 */
@Component
public class AnswerAnalysis {

    private static final Logger log = LoggerFactory.getLogger(AnswerAnalysis.class);

    private final AnswerRows rows;
    private final DataSource dataSource;

    AnswerAnalysis(AnswerRows rows, DataSource dataSource) {
        this.rows = rows;
        this.dataSource = dataSource;
    }

    /**
     * Derives the rows of a successful execution just recorded, in the caller's transaction (which
     * must be one); a failure is undone to a savepoint, logged, and leaves the answer to the background
     * task.
     */
    public void recorded(UUID executionId) {
        // The transaction's own connection (the service's transaction manager does not make nested
        // transactions): a savepoint on it, so that a failure here undoes only this.
        Connection connection = DataSourceUtils.getConnection(dataSource);
        Savepoint savepoint;
        try {
            savepoint = connection.setSavepoint();
        } catch (SQLException e) {
            throw new IllegalStateException("Answers are analysed in the transaction that records them", e);
        }
        try {
            rows.deriveRecorded(executionId, Times.now());
            connection.releaseSavepoint(savepoint);
        } catch (RuntimeException | SQLException failure) {
            log.error("Execution {}: its answer could not be analysed; the background task will", executionId, failure);
            try {
                connection.rollback(savepoint);
            } catch (SQLException rollback) {
                throw new IllegalStateException("The analysis could not be undone", rollback);
            }
            rows.markPending(executionId, Times.now());
        }
    }
}
