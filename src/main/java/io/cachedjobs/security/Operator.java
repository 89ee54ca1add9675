package io.cachedjobs.security;

/** The principal of a call made with the operator token: the people who run the service. */
enum Operator {
    INSTANCE
}
