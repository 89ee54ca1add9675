package io.cachedjobs;

import io.cachedjobs.common.Times;
import io.cachedjobs.entity.CreateEntityRequest;
import io.cachedjobs.entity.EntityService;
import io.cachedjobs.entity.EntityType;
import io.cachedjobs.organisation.CreateOrganisationRequest;
import io.cachedjobs.organisation.OrganisationService;
import io.cachedjobs.paging.PageParams;
import io.cachedjobs.project.CreateProjectRequest;
import io.cachedjobs.project.ProjectService;
import io.cachedjobs.query.CreateQueriesRequest;
import io.cachedjobs.query.CreateQueryRequest;
import io.cachedjobs.query.QueryService;
import io.cachedjobs.security.ApiKeyService;
import io.cachedjobs.security.CreateApiKeyRequest;
import io.cachedjobs.security.Role;
import io.cachedjobs.support.LocalWebhookReceiver;
import io.cachedjobs.support.TestDatabase;
import io.cachedjobs.tenancy.OrganisationScope;
import io.cachedjobs.tenancy.ProjectScope;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The local run mode: an embedded PostgreSQL whose data stays in {@code .data/postgres}, and on
 * first start a demo organisation, project and queries. Every start prints a new admin key and the
 * ids as shell {@code export} lines to paste, which engines answer ({@link LocalRunEngines}), and a
 * trigger call that uses them.
 */
@TestConfiguration(proxyBeanMethods = false)
class LocalRunConfiguration {

    static final String DATA_DIRECTORY = ".data/postgres";
    static final String DEMO_NAME = "Demo organisation";

    /**
     * The local run's PostgreSQL, a bean so that the context stops it last: on Ctrl-C the runner
     * first lets its calls in flight finish and records them, then the database stops.
     */
    @Bean(destroyMethod = "close")
    EmbeddedPostgres localPostgres() {
        return TestDatabase.kept(Path.of(DATA_DIRECTORY).toAbsolutePath());
    }

    @Bean
    JdbcConnectionDetails localDatabase(EmbeddedPostgres localPostgres) {
        return TestDatabase.details(localPostgres);
    }

    /**
     * A receiver for the tour's webhook: prints each call and verifies its signature (port
     * {@code local-webhook-receiver.port}, default a free one).
     */
    @Bean(destroyMethod = "close")
    LocalWebhookReceiver localWebhookReceiver(Environment environment) {
        return LocalWebhookReceiver.start(
                environment.getProperty("local-webhook-receiver.port", Integer.class, 0), System.out);
    }

    @Bean
    ApplicationRunner demoData(
            JdbcTemplate jdbc,
            OrganisationService organisations,
            ProjectService projects,
            QueryService queries,
            EntityService entities,
            ApiKeyService apiKeys,
            Environment environment,
            ObjectProvider<LocalRunEngines> engines,
            LocalWebhookReceiver webhookReceiver) {
        return arguments -> {
            List<UUID> existing = jdbc.queryForList(
                    "select p.organisation_id from projects p join organisations o on o.id = p.organisation_id "
                            + "where o.name = ? order by p.created_at limit 1",
                    UUID.class,
                    DEMO_NAME);
            ProjectScope demo = existing.isEmpty()
                    ? createDemo(organisations, projects, queries, entities)
                    : new ProjectScope(
                            existing.get(0),
                            jdbc.queryForObject(
                                    "select id from projects where organisation_id = ? order by created_at limit 1",
                                    UUID.class,
                                    existing.get(0)));
            // Only the hash of a key is kept, so an earlier start's key cannot be shown again: each
            // start makes a new one, valid for a week.
            String key = apiKeys.issue(
                            demo.organisationId(),
                            new CreateApiKeyRequest(
                                    "Local run demo key",
                                    Role.ADMIN,
                                    Times.now().plus(Duration.ofDays(7))))
                    .key();
            String port = environment.getProperty("local.server.port", "8080");
            String managementPort = environment.getProperty("local.management.port", "8081");
            System.out.printf(
                    """

                    cached-jobs is running on http://localhost:%1$s (Swagger UI: http://localhost:%1$s/swagger-ui.html)
                    Health and metrics on their own port: http://localhost:%7$s/actuator/health
                    Data is kept in %2$s between restarts. The demo project has %5$d queries.
                    The API key below is an admin key of the demo organisation, new at each start and valid
                    for 7 days. In Swagger UI press "Authorize" and paste it under apiKey.

                    Paste these lines into your shell (the README's tour uses them):

                    export CACHEDJOBS_URL=http://localhost:%1$s
                    export CACHEDJOBS_KEY=%6$s
                    export ORG=%3$s
                    export PROJECT=%4$s
                    export WEBHOOK_RECEIVER=%9$s

                    %8$s
                    A webhook receiver listens at %9$s: it prints each call it gets, with whether its
                    signature verifies (PUT the endpoint's secret to %9$s/secret). The README's tour uses it.

                    Then trigger the demo project's cached jobs (%5$d queries x 3 models x 3 runs):

                    curl -fsS -X POST "$CACHEDJOBS_URL/api/cached-jobs/trigger" -H 'Content-Type: application/json' -H "x-api-key: $CACHEDJOBS_KEY" -H "x-organisation-id: $ORG" -H "x-project-id: $PROJECT" -d '{"aiModels":["openai","anthropic","google-generative-ai"],"executionCount":3}'

                    and watch them go pending -> active -> ended (the newest first), then read their answers
                    (GET /api/cached-jobs/{id}/executions; the README's tour shows how):

                    curl -fsS -X POST "$CACHEDJOBS_URL/api/cached-jobs/list?limit=12" -H 'Content-Type: application/json' -H "x-api-key: $CACHEDJOBS_KEY" -H "x-organisation-id: $ORG" -H "x-project-id: $PROJECT" -d '{"sort":[{"field":"createdAt","direction":"DESC"}]}' | jq -r '.results[] | "\\(.status) \\(.successExecutions)/\\(.totalExecutions) \\(.query)"'

                    """,
                    port,
                    DATA_DIRECTORY,
                    demo.organisationId(),
                    demo.projectId(),
                    queries.list(demo, null, new PageParams(1, 1)).page().totalRecords(),
                    key,
                    managementPort,
                    engines.stream().map(LocalRunEngines::describe).findFirst().orElse(""),
                    webhookReceiver.baseUrl());
        };
    }

    private static ProjectScope createDemo(
            OrganisationService organisations, ProjectService projects, QueryService queries, EntityService entities) {
        UUID organisation = organisations
                .create(new CreateOrganisationRequest(DEMO_NAME))
                .organisation()
                .id();
        UUID project = projects.create(
                        new OrganisationScope(organisation),
                        new CreateProjectRequest(
                                "Acme CRM", "https://acme.example", "Software", "A CRM for small businesses"))
                .id();
        ProjectScope scope = new ProjectScope(organisation, project);
        // The competitors the simulated engines recommend beside Acme CRM (its own brand is the
        // project's primary entity, made with it).
        for (List<String> competitor : List.of(
                List.of("HubSpot", "hubspot.com"),
                List.of("Salesforce", "salesforce.com"),
                List.of("Pipedrive", "pipedrive.com"),
                List.of("Zoho CRM", "zoho.com"),
                List.of("Freshsales", "freshworks.com"))) {
            entities.create(
                    scope,
                    new CreateEntityRequest(
                            competitor.get(0),
                            null,
                            List.of(competitor.get(1)),
                            EntityType.COMPANY,
                            null,
                            null,
                            true,
                            null,
                            null));
        }
        queries.createMany(
                scope,
                new CreateQueriesRequest(List.of(
                        new CreateQueryRequest("Which CRM do you recommend for small businesses?", "en", "US"),
                        new CreateQueryRequest("What is the best CRM for a startup?", "en", "GB"),
                        new CreateQueryRequest("Best free CRM software", "en", "AU"),
                        new CreateQueryRequest("Quel CRM recommandez-vous pour une PME ?", "fr", "FR"),
                        new CreateQueryRequest("Meilleur logiciel CRM en 2025", "fr", "BE"),
                        new CreateQueryRequest("Welches CRM empfehlen Sie für kleine Unternehmen?", "de", "DE"),
                        new CreateQueryRequest("Bestes CRM für Startups", "de", "AT"),
                        new CreateQueryRequest("¿Qué CRM recomiendan para pequeñas empresas?", "es", "ES"),
                        new CreateQueryRequest("Melhor CRM para pequenas empresas", "pt-br", "BR"),
                        new CreateQueryRequest("Welk CRM raden jullie aan voor het mkb?", "nl", "NL"),
                        new CreateQueryRequest("中小企业最好的CRM是什么？", "zh-cn", "CN"),
                        new CreateQueryRequest("中小企業におすすめのCRMは？", "ja", "JP"))));
        return scope;
    }
}
