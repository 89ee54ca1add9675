package io.cachedjobs.analysis;

import java.util.List;
import java.util.function.Function;

/**
 * PostgreSQL array literals ({@code {"a","b",NULL}}) of one field of a list of rows, for statements
 * that {@code unnest} them: a whole answer's rows in one statement. A Java list would be expanded into
 * a list of parameters, and a {@code java.sql.Array} needs the connection.
 */
final class ArrayLiterals {

    private ArrayLiterals() {}

    static <T> String of(List<T> rows, Function<T, ?> field) {
        StringBuilder literal = new StringBuilder("{");
        for (int i = 0; i < rows.size(); i++) {
            if (i > 0) {
                literal.append(',');
            }
            Object value = field.apply(rows.get(i));
            if (value == null) {
                literal.append("NULL");
            } else {
                literal.append('"');
                String text = value.toString();
                for (int k = 0; k < text.length(); k++) {
                    char c = text.charAt(k);
                    if (c == '"' || c == '\\') {
                        literal.append('\\');
                    }
                    literal.append(c);
                }
                literal.append('"');
            }
        }
        return literal.append('}').toString();
    }
}
