package io.cachedjobs.problem;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The one place where failures become RFC 9457 problem details. Messages are written for API
 * users: no stack trace, SQL, or Java class name ever leaves this class.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final URI ABOUT_BLANK = URI.create("about:blank");
    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Object> handleApi(ApiException ex, WebRequest request) {
        rethrowIfAnswerBegun(ex, request);
        return respond(Problems.of(ex, path(request)), new HttpHeaders());
    }

    @ExceptionHandler({
        CannotCreateTransactionException.class,
        DataAccessResourceFailureException.class,
        QueryTimeoutException.class
    })
    ResponseEntity<Object> handleDatabaseUnavailable(Exception ex, WebRequest request) {
        rethrowIfAnswerBegun(ex, request);
        log.warn("Database unavailable: {}", ex.getMessage());
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, Problems.RETRY_AFTER_SECONDS);
        return respond(Problems.unavailable(path(request)), headers);
    }

    /**
     * Tomcat refuses to decode a query string (or form body) that is not valid percent-encoded
     * UTF-8 only when a parameter is first read, deep in a controller argument: the client's fault.
     */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<Object> handleUndecodableParameters(InvalidParameterException ex, WebRequest request) {
        return invalid(
                List.of(new FieldProblem("parameters", "must be valid percent-encoded UTF-8")),
                new HttpHeaders(),
                request);
    }

    /**
     * Spring Security's firewall refuses a header value with characters a header may not carry
     * (control characters, or bytes that are no text) when it is first read, wherever that is. Its
     * message holds the value, which may be an API key pasted with curly quotes: it is not logged.
     */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<Object> handleRejectedHeader(RequestRejectedException ex, WebRequest request) {
        return invalid(
                List.of(new FieldProblem(
                        "headers",
                        "a header holds characters headers may not carry (control or non-ASCII characters)")),
                new HttpHeaders(),
                request);
    }

    @ExceptionHandler({DataIntegrityViolationException.class, ConcurrencyFailureException.class})
    ResponseEntity<Object> handleConflict(DataAccessException ex, WebRequest request) {
        log.info("Refused by the database: {}", ex.getMostSpecificCause().getMessage());
        if (ex.getMostSpecificCause() instanceof SQLException sql
                && sql.getSQLState() != null
                && sql.getSQLState().startsWith("22")) {
            // SQLSTATE class 22 is bad data, which no retry mends: the request, not the timing, is wrong.
            return invalid(
                    List.of(new FieldProblem("body", "holds a value the database cannot store")),
                    new HttpHeaders(),
                    request);
        }
        return answer(
                HttpStatus.CONFLICT,
                "conflict",
                "Conflict",
                "The request conflicts with data written at the same time; nothing was changed. Retry it.",
                List.of(),
                new HttpHeaders(),
                request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) {
        rethrowIfAnswerBegun(ex, request);
        ApiException meant = causeOfType(ex, ApiException.class);
        if (meant != null) {
            // An answer given on purpose from inside a message converter, which wraps it.
            log.error("{} on {}", meant.getMessage(), path(request), ex);
            return handleApi(meant, request);
        }
        if (DatabaseFailures.isConnectionFailure(ex)) {
            // A connection lost mid-transaction can surface wrapped in a rollback or JPA failure
            return handleDatabaseUnavailable(ex, request);
        }
        log.error("Unexpected failure on {}", path(request), ex);
        return respond(Problems.internalError(HttpStatus.INTERNAL_SERVER_ERROR, path(request)), new HttpHeaders());
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return invalid(List.of(UnreadableBodies.describe(ex)), headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Stream<FieldProblem> fields = ex.getBindingResult().getFieldErrors().stream()
                .map(error -> new FieldProblem(error.getField(), message(error)));
        Stream<FieldProblem> globals = ex.getBindingResult().getGlobalErrors().stream()
                .map(error -> new FieldProblem("body", error.getDefaultMessage()));
        List<FieldProblem> errors = Stream.concat(fields, globals)
                .sorted(Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::message))
                .toList();
        return invalid(errors, headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> new FieldProblem(
                                result.getMethodParameter().getParameterName(), error.getDefaultMessage())))
                .toList();
        return invalid(errors, headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String name = ex instanceof MethodArgumentTypeMismatchException mismatch
                ? mismatch.getName()
                : String.valueOf(ex.getPropertyName());
        return invalid(
                List.of(new FieldProblem(name, UnreadableBodies.expectation(ex.getRequiredType()))), headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(
            NoResourceFoundException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String detail = "No endpoint " + ex.getHttpMethod() + " /" + ex.getResourcePath();
        return answer(HttpStatus.NOT_FOUND, "no-endpoint", "No such endpoint", detail, List.of(), headers, request);
    }

    /**
     * Problems that Spring builds itself (405, 415, 406...) get a title, a type of their own (e.g.
     * {@code urn:cached-jobs:problem:method-not-allowed}) and the request path as instance.
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception ex, Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem) {
            if (problem.getTitle() == null) {
                problem.setTitle(Problems.titleOf(statusCode));
            }
            if (problem.getType() == null || ABOUT_BLANK.equals(problem.getType())) {
                problem.setType(URI.create(Problems.TYPE_PREFIX + Problems.typeOf(statusCode)));
            }
            if (problem.getInstance() == null) {
                problem.setInstance(URI.create(path(request)));
            }
            HttpHeaders problemHeaders = new HttpHeaders();
            problemHeaders.putAll(response.getHeaders());
            problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
            return new ResponseEntity<>(problem, problemHeaders, response.getStatusCode());
        }
        return response;
    }

    private ResponseEntity<Object> invalid(List<FieldProblem> errors, HttpHeaders headers, WebRequest request) {
        return respond(Problems.of(InvalidRequestException.of(errors), path(request)), headers);
    }

    private ResponseEntity<Object> answer(
            HttpStatusCode status,
            String type,
            String title,
            String detail,
            List<FieldProblem> errors,
            HttpHeaders headers,
            WebRequest request) {
        return respond(Problems.of(status, type, title, detail, path(request), errors), headers);
    }

    private static ResponseEntity<Object> respond(ProblemDetail problem, HttpHeaders headers) {
        // A preset content type skips content negotiation: a problem is answered even to a client
        // whose Accept header is malformed or names only other types (it used to get an empty 415)
        return ResponseEntity.status(problem.getStatus())
                .headers(headers)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    /**
     * Part of the answer is out (a streamed one): a problem written now would be appended to it.
     * Rethrown, the failure breaks the connection, so the client sees the answer broken.
     */
    private static void rethrowIfAnswerBegun(Exception ex, WebRequest request) {
        HttpServletResponse response = ((NativeWebRequest) request).getNativeResponse(HttpServletResponse.class);
        if (response != null && response.isCommitted()) {
            log.error("Failure after the answer began on {}", path(request), ex);
            throw ex instanceof RuntimeException runtime ? runtime : new IllegalStateException(ex);
        }
    }

    private static <T extends Throwable> T causeOfType(Throwable failure, Class<T> type) {
        for (Throwable cause = failure.getCause(); cause != null && cause != failure; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    private static String path(WebRequest request) {
        HttpServletRequest servlet = ((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class);
        return servlet == null ? "/" : servlet.getRequestURI();
    }

    private static String message(FieldError error) {
        return error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage();
    }
}
