package io.cachedjobs.cachedjob;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachedjobs.common.BaseEntity;
import io.cachedjobs.support.ApiTest;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Id;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The cached-job row has one shape: the table's columns (from the migrations), the entity's mapped
 * fields and the plain-SQL column list are the same set, so that a column added to one and forgotten
 * in another fails here instead of going unwritten.
 */
class CachedJobRowsTest extends ApiTest {

    @Test
    void theTableTheEntityAndThePlainSqlRowHaveTheSameColumns() {
        List<String> table = jdbc.queryForList(
                "SELECT column_name FROM information_schema.columns "
                        + "WHERE table_schema = current_schema() AND table_name = 'cached_jobs'",
                String.class);

        assertThat(CachedJobRows.COLUMN_NAMES).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(table);
        assertThat(entityColumns()).containsExactlyInAnyOrderElementsOf(table);
    }

    private static List<String> entityColumns() {
        List<String> columns = new ArrayList<>();
        Stream.of(BaseEntity.class.getDeclaredFields(), CachedJob.class.getDeclaredFields())
                .flatMap(Stream::of)
                .forEach((Field field) -> {
                    Column column = field.getAnnotation(Column.class);
                    if (field.isAnnotationPresent(Embedded.class)) {
                        for (Field part : field.getType().getDeclaredFields()) {
                            Column embedded = part.getAnnotation(Column.class);
                            if (embedded != null) {
                                columns.add(embedded.name());
                            }
                        }
                    } else if (column != null) {
                        columns.add(column.name().isEmpty() ? field.getName() : column.name());
                    } else if (field.isAnnotationPresent(Id.class)) {
                        columns.add(field.getName());
                    }
                });
        return columns;
    }
}
