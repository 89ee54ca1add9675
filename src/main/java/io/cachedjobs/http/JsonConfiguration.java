package io.cachedjobs.http;

import io.cachedjobs.common.Text;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.LogicalType;

/**
 * JSON as the API promises it: times always as {@code 2023-08-22T10:00:00.000Z}, and no silent
 * coercion of request values ({@code "3"}, {@code 1.5} or {@code true} are not integers, and
 * {@code "OpenAI"} is not the provider key {@code openai}, and {@code 5} is not a name).
 */
@Configuration(proxyBeanMethods = false)
class JsonConfiguration {

    /**
     * Times are read only from ISO-8601 text ({@code 2023-08-22T10:00:00.000Z}, or with an offset):
     * a number is not silently taken as a Unix timestamp.
     */
    static final class TextInstants extends ValueDeserializer<Instant> {

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) {
            if (!parser.hasToken(JsonToken.VALUE_STRING)) {
                return (Instant) context.handleUnexpectedToken(Instant.class, parser);
            }
            String text = parser.getString().trim();
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw InvalidFormatException.from(parser, "not an ISO-8601 date-time", text, Instant.class);
            }
        }
    }

    /**
     * Text is valid Unicode that PostgreSQL can store, or the request is refused as a 400 naming the
     * field, before anything reaches the database: JSON's {@code \\ud800} escape can spell a lone
     * surrogate, which the database would store as {@code ?}, and PostgreSQL cannot store U+0000
     * at all. The message is the one the client reads.
     *
     * <p>Valid text is then {@linkplain Text#clean cleaned}: trimmed of invisible characters at both
     * ends and put in NFC. Doing it here, once for every string of every body, means validation
     * already sees the text as it will be stored ({@code @NotBlank} refuses a value of only
     * zero-width spaces, a length counts what remains) and no feature can forget it.
     */
    static final class ValidTextStrings extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            String value = super.deserialize(parser, context);
            String problem = value == null ? null : problemWith(value);
            if (problem != null) {
                throw InvalidFormatException.from(parser, problem, value, String.class);
            }
            return Text.clean(value);
        }

        private static String problemWith(String value) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == '\u0000') {
                    return "must not contain the NUL character (U+0000)";
                }
                if (Character.isHighSurrogate(c)
                        && i + 1 < value.length()
                        && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    return "must be valid Unicode text: a lone surrogate (U+" + String.format("%04X", (int) c)
                            + ") is no character";
                }
            }
            return null;
        }
    }

    static final DateTimeFormatter TIME_FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private static final byte[] TIME_TEMPLATE = "0000-00-00T00:00:00.000Z".getBytes(StandardCharsets.US_ASCII);

    /**
     * {@link #TIME_FORMAT}'s text, written digit by digit for the years 1 to 9999 (outside them the
     * formatter's, which writes the year of the era). Every job in an answer carries two times,
     * and the formatter (a zone's rules, a BigDecimal for the milliseconds) made them a large share
     * of what a trigger allocates.
     */
    static String format(Instant at) {
        LocalDateTime time = LocalDateTime.ofEpochSecond(at.getEpochSecond(), at.getNano(), ZoneOffset.UTC);
        if (time.getYear() < 1 || time.getYear() > 9999) {
            return TIME_FORMAT.format(at);
        }
        byte[] text = TIME_TEMPLATE.clone();
        digits(text, 0, 4, time.getYear());
        digits(text, 5, 2, time.getMonthValue());
        digits(text, 8, 2, time.getDayOfMonth());
        digits(text, 11, 2, time.getHour());
        digits(text, 14, 2, time.getMinute());
        digits(text, 17, 2, time.getSecond());
        digits(text, 20, 3, time.getNano() / 1_000_000);
        return new String(text, StandardCharsets.US_ASCII);
    }

    /** {@code value} in the {@code width} digits of {@code text} from {@code at}, zeros first. */
    private static void digits(byte[] text, int at, int width, int value) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    @Bean
    JsonMapperBuilderCustomizer strictJson() {
        SimpleModule times = new SimpleModule("api-times").addSerializer(Instant.class, new ValueSerializer<>() {
            @Override
            public void serialize(Instant value, JsonGenerator generator, SerializationContext context) {
                generator.writeString(format(value));
            }
        });
        SimpleModule validText = new SimpleModule("valid-text").addDeserializer(String.class, new ValidTextStrings());
        SimpleModule textTimes = new SimpleModule("text-times").addDeserializer(Instant.class, new TextInstants());
        return builder -> builder.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .withCoercionConfig(
                        LogicalType.Textual,
                        strings -> strings.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                // "" is no id, time or enum value: refused, not read as null (a filter left out)
                .withCoercionConfigDefaults(
                        defaults -> defaults.setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
                .addModule(times)
                .addModule(validText)
                .addModule(textTimes);
    }
}
