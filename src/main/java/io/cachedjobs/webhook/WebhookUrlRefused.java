package io.cachedjobs.webhook;

import io.cachedjobs.problem.ApiException;
import io.cachedjobs.problem.FieldProblem;
import java.util.List;

/**
 * A well-formed webhook URL the service will not call: not {@code https}, or a receiver on a
 * loopback, private, link-local or other local address (SSRF). A 422 naming the field and why.
 */
class WebhookUrlRefused extends ApiException {

    static final String TYPE = "url-refused";

    WebhookUrlRefused(String field, String why) {
        super(422, TYPE, "URL refused", field + ": " + why, List.of(new FieldProblem(field, why)));
    }
}
