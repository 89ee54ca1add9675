package io.cachedjobs.organisation;

import io.cachedjobs.common.NotFoundException;
import io.cachedjobs.web.PageParams;
import io.cachedjobs.web.PageResponse;
import io.cachedjobs.web.SortOrder;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
@Transactional(readOnly = true)
public class OrganisationService {

    private static final int SLUG_LENGTH = 60;
    private static final Sort BY_CREATION = SortOrder.toSort(List.of(), Map.of(), Sort.by("createdAt"));
    private final OrganisationRepository organisations;

    OrganisationService(OrganisationRepository organisations) {
        this.organisations = organisations;
    }

    @Transactional
    public OrganisationResponse create(CreateOrganisationRequest request) {
        String name = request.name().trim();
        return organisations.save(new Organisation(name, freeSlug(name))).toResponse();
    }

    public OrganisationResponse get(UUID id) {
        return organisations.findById(id).map(Organisation::toResponse).orElseThrow(() -> notFound(id));
    }

    /** Every organisation, oldest first: there is no authentication yet to narrow the list. */
    public PageResponse<OrganisationResponse> list(PageParams params) {
        return PageResponse.fetchEach(
                params, BY_CREATION, organisations::findAll, organisations::count, Organisation::toResponse);
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
