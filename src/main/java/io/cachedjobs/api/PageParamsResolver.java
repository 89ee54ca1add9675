package io.cachedjobs.api;

import io.cachedjobs.paging.PageParams;
import io.cachedjobs.problem.FieldProblem;
import io.cachedjobs.problem.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Reads {@code ?limit=&page=} into {@link PageParams}, naming each bad parameter. */
final class PageParamsResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == PageParams.class;
    }

    @Override
    public Object resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer mavContainer,
            NativeWebRequest request,
            WebDataBinderFactory binderFactory) {
        List<FieldProblem> problems = new ArrayList<>();
        int limit = (int) read(request, "limit", PageParams.DEFAULT_LIMIT, 1, maxOf(parameter), problems);
        // A page past the last is answered empty; one past what a page number can be is refused
        // rather than answered as another page.
        int page = (int) read(request, "page", 1, 1, Integer.MAX_VALUE, problems);
        if (!problems.isEmpty()) {
            throw InvalidRequestException.of(problems);
        }
        return new PageParams(limit, page);
    }

    static int maxOf(MethodParameter parameter) {
        PageLimit annotation = parameter.getParameterAnnotation(PageLimit.class);
        return annotation == null ? PageLimit.DEFAULT_MAX : annotation.max();
    }

    private static long read(
            NativeWebRequest request, String name, long fallback, long min, long max, List<FieldProblem> problems) {
        String[] values = request.getParameterValues(name);
        if (values != null && values.length > 1) {
            problems.add(new FieldProblem(name, "must be given once"));
            return fallback;
        }
        String value = values == null ? null : values[0];
        try {
            return QueryIntegers.read(name, value, fallback, min, max);
        } catch (InvalidRequestException e) {
            problems.addAll(e.errors());
            return fallback;
        }
    }
}
