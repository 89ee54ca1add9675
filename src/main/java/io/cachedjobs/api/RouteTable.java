package io.cachedjobs.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.server.PathContainer;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * A rule per controller route, read from the handler methods once, and found for a call by its
 * method and path. It lets the servlet filters, which run before Spring MVC picks a route, act on
 * what the route declares on its controller method, without reflection per call.
 *
 * <p>A call finds the route Spring MVC would pick: a fixed path first, else the most specific
 * pattern; {@code HEAD} takes the {@code GET} route. Only method and path decide: routes that
 * differ by headers, parameters or media types alone are not told apart, so they must declare the
 * same rule.
 *
 * @param <T> the rule; null for a route that declares none
 */
public final class RouteTable<T> {

    private final Map<String, List<Route<T>>> fixed;
    private final List<Route<T>> patterned;

    private RouteTable(Map<String, List<Route<T>>> fixed, List<Route<T>> patterned) {
        this.fixed = fixed;
        this.patterned = patterned;
    }

    /**
     * Reads the rule of every route Spring MVC has mapped.
     *
     * @param ruleOf the rule a controller method declares, or null when it declares none
     */
    public static <T> RouteTable<T> read(RequestMappingHandlerMapping mvc, Function<HandlerMethod, T> ruleOf) {
        Map<String, List<Route<T>>> fixed = new HashMap<>();
        List<Route<T>> patterned = new ArrayList<>();
        mvc.getHandlerMethods().forEach((info, handler) -> {
            T rule = ruleOf.apply(handler);
            Set<String> methods = methodsOf(info);
            for (PathPattern pattern : patternsOf(info).getPatterns()) {
                Route<T> route = new Route<>(pattern, literalPrefix(pattern), methods, rule);
                if (pattern.hasPatternSyntax()) {
                    patterned.add(route);
                } else {
                    fixed.computeIfAbsent(pattern.getPatternString(), path -> new ArrayList<>())
                            .add(route);
                }
            }
        });
        patterned.sort(Comparator.comparing(Route<T>::pattern, PathPattern.SPECIFICITY_COMPARATOR)
                .thenComparing(route -> route.methods().isEmpty()));
        fixed.replaceAll((path, routes) -> List.copyOf(routes));
        return new RouteTable<>(Map.copyOf(fixed), List.copyOf(patterned));
    }

    /**
     * The rule of the route that takes a call, or null when no route takes it (an unknown path, or
     * a method its path does not have) or the route declares none.
     *
     * @param path the path as the filters read it ({@link io.cachedjobs.http.RequestPaths})
     */
    public T find(String method, String path) {
        List<Route<T>> routes = fixed.get(path);
        if (routes != null) {
            for (Route<T> route : routes) {
                if (route.accepts(method)) {
                    return route.rule();
                }
            }
        }
        PathContainer parsed = null;
        for (Route<T> route : patterned) {
            // The literal prefix rules out nearly every pattern with a string comparison, so a call
            // runs a full pattern match on its own route or so.
            if (path.startsWith(route.prefix()) && route.accepts(method)) {
                if (parsed == null) {
                    parsed = PathContainer.parsePath(path);
                }
                if (route.pattern().matches(parsed)) {
                    return route.rule();
                }
            }
        }
        return null;
    }

    private record Route<T>(PathPattern pattern, String prefix, Set<String> methods, T rule) {

        boolean accepts(String method) {
            if (methods.isEmpty()) {
                // Spring MVC answers OPTIONS itself unless a route names it
                return !method.equals("OPTIONS");
            }
            return methods.contains(method) || (method.equals("HEAD") && methods.contains("GET"));
        }
    }

    private static Set<String> methodsOf(RequestMappingInfo info) {
        return info.getMethodsCondition().getMethods().stream()
                .map(RequestMethod::name)
                .collect(Collectors.toUnmodifiableSet());
    }

    private static PathPatternsRequestCondition patternsOf(RequestMappingInfo info) {
        PathPatternsRequestCondition patterns = info.getPathPatternsCondition();
        if (patterns == null) {
            throw new IllegalStateException(
                    "Routes are read as PathPatterns, but Spring MVC matches " + info + " with an AntPathMatcher");
        }
        return patterns;
    }

    /** The pattern up to its first variable or wildcard: what every path it matches starts with. */
    private static String literalPrefix(PathPattern pattern) {
        String text = pattern.getPatternString();
        int end = text.length();
        for (char syntax : new char[] {'{', '*', '?'}) {
            int at = text.indexOf(syntax);
            if (at >= 0) {
                end = Math.min(end, at);
            }
        }
        return text.substring(0, end);
    }
}
