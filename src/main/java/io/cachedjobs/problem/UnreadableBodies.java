package io.cachedjobs.problem;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Says what is wrong with a request body Jackson could not read, as one {@link FieldProblem} in the
 * client's terms: the JSON path of the field and what it must be, or where the JSON breaks. No Java
 * type or Jackson message is ever part of it.
 */
final class UnreadableBodies {

    private static final Map<Class<?>, String> SCALARS = Map.ofEntries(
            Map.entry(Integer.class, "must be a JSON integer"),
            Map.entry(int.class, "must be a JSON integer"),
            Map.entry(Long.class, "must be a JSON integer"),
            Map.entry(long.class, "must be a JSON integer"),
            Map.entry(Boolean.class, "must be true or false"),
            Map.entry(boolean.class, "must be true or false"),
            Map.entry(String.class, "must be a string"),
            Map.entry(UUID.class, "must be a UUID"),
            Map.entry(Instant.class, "must be an ISO-8601 date-time, e.g. 2023-08-22T10:00:00.000Z"));

    /** Jackson's message for a name given twice in one object (strict duplicate detection). */
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate Object property \"(.*)\"", Pattern.DOTALL);

    private UnreadableBodies() {}

    /** The path of a member {@code name} of the object at {@code path} ({@code ""}: the body). */
    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    static FieldProblem describe(HttpMessageNotReadableException ex) {
        if (!(ex.getCause() instanceof JacksonException jackson)) {
            return new FieldProblem("body", "a JSON request body is required");
        }
        String field = pathOf(jackson);
        JacksonException root = deepest(jackson);
        if (root instanceof InputCoercionException) {
            return new FieldProblem(field.isEmpty() ? "body" : field, "number is out of range");
        }
        if (root instanceof StreamReadException duplicate
                && DUPLICATE.matcher(duplicate.getOriginalMessage()).matches()) {
            Matcher name = DUPLICATE.matcher(duplicate.getOriginalMessage());
            name.matches();
            return new FieldProblem(join(field, name.group(1)), "is given more than once");
        }
        if (root instanceof StreamReadException read) {
            TokenStreamLocation at = read.getLocation();
            return new FieldProblem(
                    "body",
                    at == null
                            ? "is not valid JSON"
                            : "is not valid JSON (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
        }
        if (root instanceof InvalidFormatException invalid
                && invalid.getTargetType() == String.class
                && invalid.getValue() instanceof String) {
            // Only the service's own text rules refuse a JSON string: their message is for clients.
            // A number or boolean where text is asked is refused by Jackson, whose message is not.
            return new FieldProblem(field.isEmpty() ? "body" : field, invalid.getOriginalMessage());
        }
        if (root instanceof MismatchedInputException mismatch) {
            return field.isEmpty()
                    ? new FieldProblem("body", "must be a JSON " + rootShape(mismatch.getTargetType()))
                    : new FieldProblem(field, expectation(mismatch.getTargetType()));
        }
        return new FieldProblem(field.isEmpty() ? "body" : field, "could not be read");
    }

    /** What a value of {@code type} must be, e.g. {@code must be a UUID}; for parameters too. */
    static String expectation(Class<?> type) {
        if (type == null) {
            return "has the wrong type";
        }
        if (type.isEnum()) {
            return "must be one of: "
                    + Stream.of(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "must be an array";
        }
        return SCALARS.getOrDefault(type, "must be a JSON object");
    }

    /** Jackson wraps a parser's failure to add the path; the innermost one says what went wrong. */
    private static JacksonException deepest(JacksonException ex) {
        JacksonException deepest = ex;
        for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JacksonException jackson) {
                deepest = jackson;
            }
        }
        return deepest;
    }

    private static String pathOf(JacksonException ex) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : ex.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String rootShape(Class<?> type) {
        return type != null && (Collection.class.isAssignableFrom(type) || type.isArray()) ? "array" : "object";
    }
}
