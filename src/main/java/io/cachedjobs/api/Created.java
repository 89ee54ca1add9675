package io.cachedjobs.api;

import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** 201 answers for single resources, with a {@code Location} of {@code <collection>/{id}}. */
public final class Created {

    private Created() {}

    /** {@code id} is a UUID, or a number for tags. */
    public static <T> ResponseEntity<T> at(String collectionPath, Object id, T body) {
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentContextPath()
                        .path(collectionPath)
                        .pathSegment(String.valueOf(id))
                        .build()
                        .toUri())
                .body(body);
    }
}
