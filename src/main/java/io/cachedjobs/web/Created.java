package io.cachedjobs.web;

import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** 201 answers for single resources, with a {@code Location} of {@code <collection>/{id}}. */
public final class Created {

    private Created() {}

    public static <T> ResponseEntity<T> at(String collectionPath, UUID id, T body) {
        return at(collectionPath, id.toString(), body);
    }

    public static <T> ResponseEntity<T> at(String collectionPath, long id, T body) {
        return at(collectionPath, Long.toString(id), body);
    }

    private static <T> ResponseEntity<T> at(String collectionPath, String id, T body) {
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentContextPath()
                        .path(collectionPath)
                        .pathSegment(id)
                        .build()
                        .toUri())
                .body(body);
    }
}
