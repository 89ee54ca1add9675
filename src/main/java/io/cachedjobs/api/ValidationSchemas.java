package io.cachedjobs.api;

import io.swagger.v3.oas.models.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.lang.annotation.Annotation;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Request constraints in the document as the service checks them. swagger-core reads bean
 * validation, but a {@code @Size(max = ...)} next to {@code @NotEmpty} or {@code @NotBlank} writes
 * {@code minItems: 0} or {@code minLength: 0}, and a {@code @Pattern} is copied as Java wrote it:
 * matched against the whole value in Java, but searched for in JSON Schema, and with Java-only
 * syntax such as {@code (?s)} that a JavaScript validator refuses (the service's patterns use no
 * other Java-only syntax, such as possessive quantifiers; OpenApiDocumentTest checks that). This
 * works on the finished document, after swagger-core has written what it reads: the request
 * bodies' records, found through the routes, say which fields must not be empty or blank.
 */
@Configuration(proxyBeanMethods = false)
class ValidationSchemas {

    /** Not blank, in syntax Java and JavaScript read alike: some character that is no white space. */
    static final String NOT_BLANK = "^[\\s\\S]*\\S[\\s\\S]*$";

    @Bean
    OpenApiCustomizer constraintsAsValidated(
            @Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mvc) {
        return openApi -> {
            if (openApi.getComponents() == null || openApi.getComponents().getSchemas() == null) {
                return;
            }
            Map<String, Schema> schemas = openApi.getComponents().getSchemas();
            Set<Class<?>> seen = new HashSet<>();
            mvc.getObject().getHandlerMethods().values().forEach(handler -> {
                for (MethodParameter parameter : handler.getMethodParameters()) {
                    if (parameter.hasParameterAnnotation(RequestBody.class)) {
                        document(parameter.getParameterType(), schemas, seen);
                    }
                }
            });
            schemas.values().forEach(ValidationSchemas::patternsAsJavaScript);
            schemas.values().forEach(ValidationSchemas::withoutUnreachableBounds);
        };
    }

    /**
     * A schema, its properties and items without a {@code maxItems} or {@code maxLength} of {@link
     * Integer#MAX_VALUE}: a {@code @Size(min = 1)} keeps that default maximum, which swagger-core
     * writes as if it were a limit. No body that large gets past the body size limit, so the bound
     * says nothing, and a reader would take it for a real one.
     */
    private static void withoutUnreachableBounds(Schema<?> schema) {
        if (schema == null) {
            return;
        }
        if (schema.getMaxItems() != null && schema.getMaxItems() == Integer.MAX_VALUE) {
            schema.setMaxItems(null);
        }
        if (schema.getMaxLength() != null && schema.getMaxLength() == Integer.MAX_VALUE) {
            schema.setMaxLength(null);
        }
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(ValidationSchemas::withoutUnreachableBounds);
        }
        withoutUnreachableBounds(schema.getItems());
    }

    /** The constraints of a request record's fields, and of the records it holds, on their schemas. */
    private static void document(Class<?> type, Map<String, Schema> schemas, Set<Class<?>> seen) {
        if (!type.isRecord() || !seen.add(type)) {
            return;
        }
        io.swagger.v3.oas.annotations.media.Schema named =
                type.getAnnotation(io.swagger.v3.oas.annotations.media.Schema.class);
        Schema<?> schema = schemas.get(named != null && !named.name().isEmpty() ? named.name() : type.getSimpleName());
        for (RecordComponent component : type.getRecordComponents()) {
            document(elementType(component), schemas, seen);
            Schema<?> property = schema == null || schema.getProperties() == null
                    ? null
                    : schema.getProperties().get(component.getName());
            if (property == null) {
                continue;
            }
            // Constraints on a record component reach its field (they do not target components).
            List<Annotation> constraints;
            try {
                constraints = withComposingConstraints(
                        type.getDeclaredField(component.getName()).getAnnotations());
            } catch (NoSuchFieldException impossible) {
                continue;
            }
            boolean array = isType(property, "array");
            boolean string = isType(property, "string");
            if (constraints.stream().anyMatch(NotEmpty.class::isInstance)) {
                if (array && (property.getMinItems() == null || property.getMinItems() < 1)) {
                    property.setMinItems(1);
                }
                if (string) {
                    atLeastOneCharacter(property);
                }
            }
            if (string && constraints.stream().anyMatch(NotBlank.class::isInstance)) {
                atLeastOneCharacter(property);
                if (property.getPattern() == null) {
                    property.setPattern(NOT_BLANK);
                }
            }
        }
    }

    /** The class a component holds, or its elements' for a list ({@code List<@Valid Item>}). */
    private static Class<?> elementType(RecordComponent component) {
        if (component.getGenericType() instanceof ParameterizedType generic
                && generic.getActualTypeArguments().length == 1
                && generic.getActualTypeArguments()[0] instanceof Class<?> element) {
            return element;
        }
        return component.getType();
    }

    /**
     * Every pattern of a schema, its properties and items, in JavaScript's syntax; a text that must
     * not be blank is at least one character long.
     */
    private static void patternsAsJavaScript(Schema<?> schema) {
        if (schema == null) {
            return;
        }
        if (schema.getPattern() != null) {
            schema.setPattern(javaScript(schema.getPattern()));
            if (schema.getPattern().equals(NOT_BLANK)) {
                atLeastOneCharacter(schema);
            }
        }
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(ValidationSchemas::patternsAsJavaScript);
        }
        patternsAsJavaScript(schema.getItems());
    }

    /** The annotations and those they are composed of (a constraint annotated with constraints). */
    private static List<Annotation> withComposingConstraints(Annotation[] annotations) {
        List<Annotation> all = new ArrayList<>();
        for (Annotation annotation : annotations) {
            all.add(annotation);
            for (Annotation meta : annotation.annotationType().getAnnotations()) {
                if (!meta.annotationType().getName().startsWith("java.lang")) {
                    all.add(meta);
                }
            }
        }
        return all;
    }

    private static void atLeastOneCharacter(Schema<?> property) {
        if (property.getMinLength() == null || property.getMinLength() < 1) {
            property.setMinLength(1);
        }
    }

    /** springdoc writes {@code type: string} (OpenAPI 3.0) or {@code type: [string, null]} (3.1). */
    private static boolean isType(Schema<?> schema, String type) {
        return type.equals(schema.getType())
                || (schema.getTypes() != null && schema.getTypes().contains(type));
    }

    /**
     * A Java {@code @Pattern} as a JSON Schema pattern a JavaScript validator reads alike: anchored
     * (Java matches the whole value), and {@code (?s)} dropped with its dots written {@code [\s\S]}.
     */
    static String javaScript(String pattern) {
        String written = pattern;
        if (written.startsWith("(?s)")) {
            written = dotsMatchingAll(written.substring(4));
        }
        if (written.startsWith("^") && written.endsWith("$")) {
            return written;
        }
        return written.contains("|") ? "^(?:" + written + ")$" : "^" + written + "$";
    }

    /** Each {@code .} outside a character class and not escaped, as {@code [\s\S]}. */
    private static String dotsMatchingAll(String pattern) {
        StringBuilder out = new StringBuilder();
        boolean inClass = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                out.append(c).append(pattern.charAt(++i));
            } else if (c == '[') {
                inClass = true;
                out.append(c);
            } else if (c == ']') {
                inClass = false;
                out.append(c);
            } else if (c == '.' && !inClass) {
                out.append("[\\s\\S]");
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
