package io.cachedjobs.security;

import java.util.Optional;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Who makes the current call: an API key of one organisation, with its role. */
public record Caller(UUID keyId, UUID organisationId, Role role) {

    /** The caller of the call this thread serves; empty for public and operator calls. */
    public static Optional<Caller> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof Caller caller
                ? Optional.of(caller)
                : Optional.empty();
    }
}
