package io.cachedjobs.http;

import jakarta.servlet.ServletRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Marks a call whose writes are committed before its answer is complete (the trigger streams its
 * jobs after their commit). A failure after that point changed something: it must not say
 * "nothing was changed", and a retry with the same Idempotency-Key must not run the call again.
 */
public final class CommittedWrites {

    private static final String ATTRIBUTE = CommittedWrites.class.getName();

    private CommittedWrites() {}

    /** Marks the call this thread serves, if it serves one. */
    public static void mark() {
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes != null) {
            attributes.setAttribute(ATTRIBUTE, Boolean.TRUE, RequestAttributes.SCOPE_REQUEST);
        }
    }

    public static boolean in(ServletRequest request) {
        return Boolean.TRUE.equals(request.getAttribute(ATTRIBUTE));
    }
}
