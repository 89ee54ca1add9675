package io.cachedjobs.problem;

import java.util.List;

/** 415: a request body in a type, charset or encoding the API does not read, naming the header. */
public class UnsupportedMediaTypeException extends ApiException {

    private UnsupportedMediaTypeException(String header, String message) {
        super(
                415,
                "unsupported-media-type",
                "Unsupported Media Type",
                header + ": " + message,
                List.of(new FieldProblem(header, message)));
    }

    /** {@code header} is the request header at fault, {@code message} what it must be instead. */
    public static UnsupportedMediaTypeException of(String header, String message) {
        return new UnsupportedMediaTypeException(header, message);
    }
}
