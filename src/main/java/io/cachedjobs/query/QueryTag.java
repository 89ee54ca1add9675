package io.cachedjobs.query;

import io.swagger.v3.oas.annotations.media.Schema;

@Schema(name = "QueryTag", description = "A tag on a query (tags are not yet managed: the list is empty)")
public record QueryTag(long id, String name, String color) {}
