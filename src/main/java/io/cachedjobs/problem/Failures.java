package io.cachedjobs.problem;

import jakarta.servlet.http.HttpServletRequest;
import java.sql.SQLException;
import java.util.List;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.firewall.RequestRejectedException;

/**
 * What a failure is answered with, wherever it was caught: inside Spring MVC ({@link
 * ProblemHandler}) or in a servlet filter ({@link ProblemWriter}). One mapping, so that a key check
 * that finds the database away answers the same 503 as a controller. Spring MVC's own failures (an
 * unreadable body, an invalid argument, a 405...) are not here: only the handler meets them.
 * Messages are written for API users: no stack trace, SQL, or Java class name ever leaves here.
 */
final class Failures {

    private static final Logger log = LoggerFactory.getLogger(Failures.class);

    private Failures() {}

    /** The problem and the headers that go with it, e.g. the Retry-After of a 503. */
    record Answer(ProblemDetail problem, HttpHeaders headers) {

        private Answer(ProblemDetail problem) {
            this(problem, new HttpHeaders());
        }
    }

    /**
     * The answer to {@code failure} on the call of {@code request}; an unforeseen one is logged.
     * A call that committed writes before it failed is not told "nothing was changed".
     */
    static Answer answer(Throwable failure, HttpServletRequest request) {
        String path = request.getRequestURI();
        if (failure instanceof ApiException meant) {
            return new Answer(Problems.of(meant, path));
        }
        if (failure instanceof InvalidParameterException) {
            // Tomcat refuses to decode a query string (or form body) that is not valid
            // percent-encoded UTF-8 only when a parameter is first read: the client's fault.
            return invalid(new FieldProblem("parameters", "must be valid percent-encoded UTF-8"), path);
        }
        if (failure instanceof RequestRejectedException) {
            // Spring Security's firewall refuses a header value with characters a header may not
            // carry when it is first read. Its message holds the value, which may be an API key
            // pasted with curly quotes: it is not logged.
            return invalid(
                    new FieldProblem(
                            "headers",
                            "a header holds characters headers may not carry (control or non-ASCII characters)"),
                    path);
        }
        if (failure instanceof DataIntegrityViolationException || failure instanceof ConcurrencyFailureException) {
            return refusedByDatabase((DataAccessException) failure, path);
        }
        ApiException meant = causeOfType(failure, ApiException.class);
        if (meant != null) {
            // An answer given on purpose from inside a message converter, which wraps it.
            log.error("{} on {}", meant.getMessage(), path, failure);
            return new Answer(Problems.of(meant, path));
        }
        if (DatabaseFailures.isConnectionFailure(failure)) {
            // A connection lost mid-transaction can surface wrapped in a rollback or JPA failure
            log.warn("Database unavailable: {}", failure.getMessage());
            HttpHeaders headers = new HttpHeaders();
            headers.set(HttpHeaders.RETRY_AFTER, Problems.RETRY_AFTER_SECONDS);
            return new Answer(Problems.unavailable(path, CommittedWrites.in(request)), headers);
        }
        log.error("Unexpected failure on {}", path, failure);
        return new Answer(Problems.internalError(HttpStatus.INTERNAL_SERVER_ERROR, path, CommittedWrites.in(request)));
    }

    private static Answer refusedByDatabase(DataAccessException failure, String path) {
        log.info("Refused by the database: {}", failure.getMostSpecificCause().getMessage());
        if (failure.getMostSpecificCause() instanceof SQLException sql
                && sql.getSQLState() != null
                && sql.getSQLState().startsWith("22")) {
            // SQLSTATE class 22 is bad data, which no retry mends: the request, not the timing, is wrong.
            return invalid(new FieldProblem("body", "holds a value the database cannot store"), path);
        }
        return new Answer(Problems.of(
                ConflictException.of(
                        "The request conflicts with data written at the same time; nothing was changed. Retry it."),
                path));
    }

    private static Answer invalid(FieldProblem problem, String path) {
        return new Answer(Problems.of(InvalidRequestException.of(List.of(problem)), path));
    }

    private static <T extends Throwable> T causeOfType(Throwable failure, Class<T> type) {
        for (Throwable cause = failure.getCause(); cause != null && cause != failure; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }
}
