package io.cachedjobs.http;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Objects;

/** The path of a request as the controllers are matched against it. */
public final class RequestPaths {

    private RequestPaths() {}

    /**
     * The path of a request as the container decoded and normalised it (path parameters such as
     * {@code ;jsessionid} removed), the way the controllers are matched: what filters that decide
     * by path must read, so that no spelling the controllers accept escapes them.
     */
    public static String of(HttpServletRequest request) {
        return request.getServletPath() + Objects.toString(request.getPathInfo(), "");
    }
}
