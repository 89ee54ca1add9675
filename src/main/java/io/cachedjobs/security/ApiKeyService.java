package io.cachedjobs.security;

import io.cachedjobs.common.Text;
import io.cachedjobs.paging.PageParams;
import io.cachedjobs.paging.PageResponse;
import io.cachedjobs.problem.ConflictException;
import io.cachedjobs.problem.NotFoundException;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Makes, lists, revokes and checks the API keys of organisations. */
@Service
@Transactional(readOnly = true)
public class ApiKeyService {

    static final int MAX_NAME = 100;
    static final String FIRST_KEY_NAME = "First admin key";

    private final ApiKeyRepository keys;

    ApiKeyService(ApiKeyRepository keys) {
        this.keys = keys;
    }

    /** The first admin key of a new organisation, made in the organisation's own transaction. */
    @Transactional
    public IssuedApiKeyResponse issueFirst(UUID organisationId) {
        return issue(organisationId, new CreateApiKeyRequest(FIRST_KEY_NAME, Role.ADMIN, null));
    }

    @Transactional
    public IssuedApiKeyResponse issue(UUID organisationId, CreateApiKeyRequest request) {
        ApiKeySecret secret = ApiKeySecret.generate();
        ApiKey key = keys.save(
                new ApiKey(organisationId, Text.clean(request.name()), request.role(), secret, request.expiresAt()));
        return new IssuedApiKeyResponse(key.toResponse(), secret.value());
    }

    PageResponse<ApiKeyResponse> list(UUID organisationId, PageParams page) {
        return PageResponse.fetchEach(
                page,
                Sort.by("createdAt", "id"),
                pageable -> keys.findByOrganisationId(organisationId, pageable),
                () -> keys.countByOrganisationId(organisationId),
                ApiKey::toResponse);
    }

    ApiKeyResponse get(UUID organisationId, UUID id) {
        return keys.findByIdAndOrganisationId(id, organisationId)
                .map(ApiKey::toResponse)
                .orElseThrow(() -> NotFoundException.of("API key", id));
    }

    /**
     * Revokes the key at once: its next call is a 401. Revoking again changes nothing. The last
     * admin key without an expiry cannot be revoked, or nobody could manage the organisation's keys
     * once the others expired (the first key has none).
     */
    @Transactional
    ApiKeyResponse revoke(UUID organisationId, UUID id) {
        List<ApiKey> all = keys.lockAllOf(organisationId);
        ApiKey key = all.stream()
                .filter(candidate -> candidate.getId().equals(id))
                .findFirst()
                .orElseThrow(() -> NotFoundException.of("API key", id));
        if (key.isLastingAdmin() && all.stream().filter(ApiKey::isLastingAdmin).count() == 1) {
            throw ConflictException.of("API key " + id + " is the organisation's last admin key without an expiry; "
                    + "create another admin key without expiresAt before revoking it.");
        }
        key.revoke();
        return key.toResponse();
    }
}
