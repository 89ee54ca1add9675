package io.cachedjobs.organisation;

import io.cachedjobs.common.Text;
import io.cachedjobs.paging.PageParams;
import io.cachedjobs.paging.PageResponse;
import io.cachedjobs.problem.NotFoundException;
import io.cachedjobs.security.ApiKeyService;
import io.cachedjobs.tenancy.OrganisationScope;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional(readOnly = true)
public class OrganisationService {

    private static final int SLUG_LENGTH = 60;
    private final OrganisationRepository organisations;
    private final ApiKeyService apiKeys;

    OrganisationService(OrganisationRepository organisations, ApiKeyService apiKeys) {
        this.organisations = organisations;
        this.apiKeys = apiKeys;
    }

    /** The organisation and its first admin key, both or neither. */
    @Transactional
    public NewOrganisationResponse create(CreateOrganisationRequest request) {
        String name = Text.clean(request.name());
        OrganisationResponse created = organisations
                .saveAndFlush(new Organisation(name, freeSlug(name)))
                .toResponse();
        return new NewOrganisationResponse(created, apiKeys.issueFirst(created.id()));
    }

    /**
     * The organisation the caller acts for. Another organisation answers 404, like one that does not
     * exist (the key's organisation is checked against the header before this).
     */
    public OrganisationResponse get(OrganisationScope scope, UUID id) {
        if (!id.equals(scope.organisationId())) {
            throw NotFoundException.of("Organisation", id);
        }
        return organisations.findById(id).map(Organisation::toResponse).orElseThrow(() -> notFound(id));
    }

    /** The organisations the caller may see, in the page format: its own, and no other. */
    public PageResponse<OrganisationResponse> list(OrganisationScope scope, PageParams params) {
        OrganisationResponse own = get(scope, scope.organisationId());
        return PageResponse.of(params.offset() == 0 ? List.of(own) : List.of(), 1, params);
    }

    /** Fails with 404 unless the organisation exists. */
    public void requireExists(UUID id) {
        if (!organisations.existsById(id)) {
            throw notFound(id);
        }
    }

    private static NotFoundException notFound(UUID id) {
        return NotFoundException.of("Organisation", id, "x-organisation-id");
    }

    /** The slug of the name, numbered when another organisation has it already. */
    private String freeSlug(String name) {
        String base = slugOf(name);
        String slug = base;
        for (int n = 2; organisations.existsBySlug(slug); n++) {
            slug = base + "-" + n;
        }
        return slug;
    }

    static String slugOf(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
        String slug =
                ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (slug.length() > SLUG_LENGTH) {
            slug = slug.substring(0, SLUG_LENGTH).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? "organisation" : slug;
    }
}
