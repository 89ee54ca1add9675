package io.cachedjobs.problem;

import java.util.List;

/**
 * An answer the service gives on purpose; the problem writers ({@link ProblemHandler} inside Spring
 * MVC, {@link ProblemWriter} outside it) turn it into RFC 9457 problem details. Each meaning has
 * its own subclass with static factories.
 *
 * <p>The services throw these, so they carry no type of the web stack: the status is the plain
 * HTTP status code, and only the writers know how to answer it.
 */
public abstract class ApiException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final List<FieldProblem> errors;

    /**
     * @param status the HTTP status code of the answer, e.g. {@code 404}
     * @param type the last segment of the problem type URI, e.g. {@code not-found}
     * @param title the problem's short, fixed summary of the type
     * @param detail what happened to this request, for its client
     * @param errors the broken rules, each named by its field; none for a problem of the whole request
     */
    protected ApiException(int status, String type, String title, String detail, List<FieldProblem> errors) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    /** The HTTP status code of the answer, e.g. {@code 404} (RFC 9110, section 15). */
    public int status() {
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
