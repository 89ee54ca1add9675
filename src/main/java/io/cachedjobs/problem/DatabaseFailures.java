package io.cachedjobs.problem;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.hibernate.TransactionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Recognises a database that is away behind whatever wraps it. Spring translates most connection
 * failures itself, but one lost mid-transaction may come back as a rollback failure or a generic JPA
 * error, and those must be a 503 too, not a 500.
 */
final class DatabaseFailures {

    private DatabaseFailures() {}

    static boolean isConnectionFailure(Throwable failure) {
        boolean transactionEnd = false;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TransactionSystemException || cause instanceof TransactionException) {
                transactionEnd = true;
            }
            if (transactionEnd && cause instanceof SQLException) {
                // A rollback or commit the driver refused: the pool has already closed the broken
                // connection ("Connection is closed", no SQL state), and Spring lets this failure
                // replace the application's own, which named the lost connection.
                return true;
            }
            if (cause instanceof CannotCreateTransactionException
                    || cause instanceof DataAccessResourceFailureException
                    || cause instanceof QueryTimeoutException
                    || cause instanceof SQLTransientConnectionException
                    || cause instanceof ConnectException) {
                return true;
            }
            if (cause instanceof SQLException sql && isConnectionState(sql.getSQLState())) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /**
     * SQL states of a lost connection: class 08 (connection exception), PostgreSQL's 57P01 to 57P03
     * (the server shutting down or not yet accepting connections) and 57014 (a statement cancelled,
     * e.g. by the statement timeout).
     */
    private static boolean isConnectionState(String state) {
        return state != null
                && (state.startsWith("08")
                        || state.equals("57014")
                        || state.equals("57P01")
                        || state.equals("57P02")
                        || state.equals("57P03"));
    }
}
