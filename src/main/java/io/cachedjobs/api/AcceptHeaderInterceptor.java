package io.cachedjobs.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Answers 406 before an API call runs when its {@code Accept} header rules out JSON (or, for a call
 * that declares what it produces, such as the export's NDJSON, that type), the only type
 * the API answers. Spring MVC finds that out only when it writes the answer, after the call has
 * written its rows: a create would be stored and yet answered as a failure.
 */
final class AcceptHeaderInterceptor implements HandlerInterceptor {

    private static final List<MediaType> ANSWERED = List.of(MediaType.APPLICATION_JSON);

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws HttpMediaTypeNotAcceptableException {
        List<String> accept = java.util.Collections.list(request.getHeaders(HttpHeaders.ACCEPT));
        if (accept.isEmpty()) {
            return true;
        }
        try {
            // The most specific range that covers JSON decides (RFC 9110, 12.5.1): with
            // "*/*, application/json;q=0" JSON is refused.
            List<MediaType> answered = answered(handler);
            MediaType decisive = null;
            for (MediaType type : MediaType.parseMediaTypes(accept)) {
                if (answered.stream().anyMatch(type::includes)
                        && (decisive == null || specificity(type) > specificity(decisive))) {
                    decisive = type;
                }
            }
            if (decisive != null && decisive.getQualityValue() > 0) {
                return true;
            }
        } catch (IllegalArgumentException malformed) { // InvalidMediaTypeException, or a quality that is no number
            // a malformed Accept header accepts nothing we can answer
        }
        throw new HttpMediaTypeNotAcceptableException(answered(handler));
    }

    /** What the call answers: the types its route declares it produces (the export's NDJSON), else JSON. */
    private static List<MediaType> answered(Object handler) {
        if (handler instanceof HandlerMethod method) {
            RequestMapping mapping =
                    AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), RequestMapping.class);
            if (mapping != null && mapping.produces().length > 0) {
                return MediaType.parseMediaTypes(List.of(mapping.produces()));
            }
        }
        return ANSWERED;
    }

    private static int specificity(MediaType type) {
        return type.isWildcardType() ? 0 : type.isWildcardSubtype() ? 1 : 2;
    }
}
