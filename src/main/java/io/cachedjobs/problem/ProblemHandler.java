package io.cachedjobs.problem;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
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
 * Turns the failures of calls inside Spring MVC into RFC 9457 problem details: Spring MVC's own (an
 * unreadable body, invalid arguments, no endpoint, 405, 415...) here, every other as {@link
 * Failures} says, as a filter answers it through {@link ProblemWriter}. Messages are written for
 * API users: no stack trace, SQL, or Java class name ever leaves this class.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final URI ABOUT_BLANK = URI.create("about:blank");
    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    /**
     * Every failure that is not Spring MVC's own (the superclass has handlers for those), answered
     * as {@link Failures} says, like the same failure in a filter.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handleFailure(Exception ex, WebRequest request) {
        rethrowIfAnswerBegun(ex, request);
        Failures.Answer answer =
                Failures.answer(ex, ((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class));
        return respond(answer.problem(), answer.headers());
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
        return respond(Problems.noEndpoint(ex.getHttpMethod().name(), path(request)), headers);
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
            return respond(problem, problemHeaders);
        }
        return response;
    }

    private ResponseEntity<Object> invalid(List<FieldProblem> errors, HttpHeaders headers, WebRequest request) {
        return respond(Problems.of(InvalidRequestException.of(errors), path(request)), headers);
    }

    private static final MediaType PROBLEM_JSON = MediaType.parseMediaType(Problems.MEDIA_TYPE + ";charset=UTF-8");

    private static ResponseEntity<Object> respond(ProblemDetail problem, HttpHeaders headers) {
        // A preset content type skips content negotiation: a problem is answered even to a client
        // whose Accept header is malformed or names only other types (instead of an empty 415)
        // The body is the problem's members in the one order and media type every writer answers
        // (ProblemWriter's), not Jackson's view of ProblemDetail.
        return ResponseEntity.status(problem.getStatus())
                .headers(headers)
                .contentType(PROBLEM_JSON)
                .body(Problems.toMap(problem));
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

    private static String path(WebRequest request) {
        HttpServletRequest servlet = ((NativeWebRequest) request).getNativeRequest(HttpServletRequest.class);
        return servlet == null ? "/" : servlet.getRequestURI();
    }

    private static String message(FieldError error) {
        return error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage();
    }
}
