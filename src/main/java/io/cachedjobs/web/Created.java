package io.cachedjobs.web;

import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** 201 answers for single resources, with a {@code Location} of {@code <collection>/{id}}. */
public final class Created {

    private Created() {}

    public static <T> ResponseEntity<T> at(String collectionPath, UUID id, T body) {
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentContextPath()
                        .path(collectionPath)
                        .pathSegment(id.toString())
                        .build()
                        .toUri())
                .body(body);
    }
}
