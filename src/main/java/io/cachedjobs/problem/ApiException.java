package io.cachedjobs.problem;

import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * An answer the service gives on purpose: the handler in {@code web} turns it into RFC 9457 problem
 * details. Each meaning has its own subclass with static factories.
 */
public abstract class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String type;
    private final String title;
    private final List<FieldProblem> errors;

    protected ApiException(HttpStatus status, String type, String title, String detail, List<FieldProblem> errors) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public HttpStatus status() {
        return status;
    }

    /** The last segment of the problem type URI, e.g. {@code not-found}. */
    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public List<FieldProblem> errors() {
        return errors;
    }
}
