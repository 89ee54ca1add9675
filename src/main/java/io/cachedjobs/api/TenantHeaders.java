package io.cachedjobs.api;

import io.cachedjobs.problem.FieldProblem;
import io.cachedjobs.problem.InvalidRequestException;
import io.cachedjobs.tenancy.OrganisationScope;
import io.cachedjobs.tenancy.ProjectScope;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Reads the tenant headers into an {@link OrganisationScope} or {@link ProjectScope} controller
 * argument, reporting every missing or malformed header at once.
 */
public final class TenantHeaders implements HandlerMethodArgumentResolver {

    public static final String ORGANISATION = "x-organisation-id";
    public static final String PROJECT = "x-project-id";

    private static final Pattern UUID_TEXT = Pattern.compile(Paths.UUID);

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        Class<?> type = parameter.getParameterType();
        return type == OrganisationScope.class || type == ProjectScope.class;
    }

    @Override
    public Object resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer mavContainer,
            NativeWebRequest request,
            WebDataBinderFactory binderFactory) {
        List<FieldProblem> problems = new ArrayList<>();
        UUID organisation = read(request, ORGANISATION, problems);
        if (parameter.getParameterType() == OrganisationScope.class) {
            throwIfAny(problems);
            return new OrganisationScope(organisation);
        }
        UUID project = read(request, PROJECT, problems);
        throwIfAny(problems);
        return new ProjectScope(organisation, project);
    }

    /**
     * The organisation of a request for code that runs before the controllers (servlet filters):
     * empty unless the header is given once as a UUID. The controller refuses a call without one.
     */
    public static Optional<UUID> organisationOf(HttpServletRequest request) {
        String[] values = Collections.list(request.getHeaders(ORGANISATION)).toArray(String[]::new);
        return problemWith(values) == null ? Optional.of(UUID.fromString(values[0].trim())) : Optional.empty();
    }

    private static UUID read(NativeWebRequest request, String header, List<FieldProblem> problems) {
        String[] values = request.getHeaderValues(header);
        String problem = problemWith(values);
        if (problem != null) {
            problems.add(new FieldProblem(header, problem));
            return null;
        }
        return UUID.fromString(values[0].trim());
    }

    /** Why a header's values are not exactly one UUID, or null when they are. */
    private static String problemWith(String[] values) {
        if (values != null && values.length > 1) {
            return "header must be given once";
        }
        if (values == null || values.length == 0 || values[0].isBlank()) {
            return "header is required";
        }
        if (!UUID_TEXT.matcher(values[0].trim()).matches()) {
            return "must be a UUID, e.g. 0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
        }
        return null;
    }

    private static void throwIfAny(List<FieldProblem> problems) {
        if (!problems.isEmpty()) {
            throw InvalidRequestException.of(problems);
        }
    }
}
