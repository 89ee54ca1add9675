package io.cachedjobs.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachedjobs.problem.NotFoundException;
import io.cachedjobs.provider.ProviderKey;
import io.cachedjobs.support.Api;
import io.cachedjobs.support.Seed;
import io.cachedjobs.tenancy.ProjectScope;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The run settings of a project: defaults, validation on create and PATCH, and nextRunAt. */
class ProjectSettingsApiTest extends ProjectCalls {

    @Autowired
    ProjectService projects;

    @Test
    void aNewProjectHasTheDefaultSettings() {
        UUID organisation = createOrganisation("Settings Org");

        JsonNode project = create(organisation, Map.of("name", "Brand"));

        assertThat(project.get("recurrence").asString()).isEqualTo("manual");
        assertThat(project.get("recurrenceTimezone").asString()).isEqualTo("UTC");
        assertThat(project.get("recurrenceStatus").asString()).isEqualTo("active");
        assertThat(project.get("llmProviders").toString())
                .isEqualTo("[\"openai\",\"anthropic\",\"google-generative-ai\"]");
        assertThat(project.get("executionCount").asInt()).isEqualTo(3);
        assertThat(project.get("nextRunAt").isNull()).isTrue();
    }

    @Test
    void createTakesTheSettings() {
        UUID organisation = createOrganisation("Settings Org");

        JsonNode project = create(
                organisation,
                Map.of(
                        "name", "Brand",
                        "recurrence", "monthly",
                        "recurrenceTimezone", "Asia/Tokyo",
                        "recurrenceStatus", "paused",
                        "llmProviders", List.of("deepseek", "ai-mode"),
                        "executionCount", 10));

        assertThat(project.get("recurrence").asString()).isEqualTo("monthly");
        assertThat(project.get("recurrenceTimezone").asString()).isEqualTo("Asia/Tokyo");
        assertThat(project.get("recurrenceStatus").asString()).isEqualTo("paused");
        assertThat(project.get("llmProviders").toString()).isEqualTo("[\"deepseek\",\"ai-mode\"]");
        assertThat(project.get("executionCount").asInt()).isEqualTo(10);
        assertThat(get(organisation, project.get("id").asString())).isEqualTo(project);
    }

    @Test
    void aProviderKeyGivenTwiceCountsOnce() {
        UUID organisation = createOrganisation("Settings Org");

        JsonNode project = create(
                organisation, Map.of("name", "Brand", "llmProviders", List.of("anthropic", "openai", "anthropic")));

        assertThat(project.get("llmProviders").toString()).isEqualTo("[\"anthropic\",\"openai\"]");
    }

    @Test
    void nextRunAtIsTheRecurrencesNextRunInTheProjectsTimeZone() {
        UUID organisation = createOrganisation("Settings Org");
        String id = create(organisation, Map.of("name", "Brand")).get("id").asString();

        for (String recurrence : List.of("daily", "weekly", "biweekly", "monthly", "0 9 * * MON", "15 30 6 * * *")) {
            Instant before = Instant.now();
            JsonNode project =
                    patch(organisation, id, Map.of("recurrence", recurrence, "recurrenceTimezone", "Europe/Brussels"));
            Instant after = Instant.now();

            Instant created = Instant.parse(project.get("createdAt").asString());
            Recurrence schedule = Recurrence.parse(recurrence);
            ZoneId brussels = ZoneId.of("Europe/Brussels");
            Instant nextRunAt = Instant.parse(project.get("nextRunAt").asString());
            assertThat(nextRunAt)
                    .as(recurrence)
                    .isAfter(before)
                    .isIn(
                            schedule.nextRunAfter(before, brussels, created),
                            schedule.nextRunAfter(after, brussels, created));
            assertThat(project.get("nextRunAt").asString()).as(recurrence).endsWith(".000Z");
        }
    }

    @Test
    void aNewProjectsNextRunIsStoredAtCreationBiweeklyCountingFromItsWeek() {
        UUID organisation = createOrganisation("Settings Org");
        Instant before = Instant.now();

        JsonNode project = create(
                organisation, Map.of("name", "Brand", "recurrence", "biweekly", "recurrenceTimezone", "Asia/Tokyo"));

        Instant after = Instant.now();
        Instant created = Instant.parse(project.get("createdAt").asString());
        Recurrence biweekly = Recurrence.parse("biweekly");
        ZoneId tokyo = ZoneId.of("Asia/Tokyo");
        assertThat(Instant.parse(project.get("nextRunAt").asString()))
                .isIn(biweekly.nextRunAfter(before, tokyo, created), biweekly.nextRunAfter(after, tokyo, created));
        assertThat(project.get("lastRunAt").isNull()).isTrue();
        assertThat(get(organisation, project.get("id").asString())).isEqualTo(project);
    }

    @Test
    void nextRunAtIsNullWhenManualOrPausedAndComesBackOnResume() {
        UUID organisation = createOrganisation("Settings Org");
        String id = create(organisation, Map.of("name", "Brand", "recurrence", "daily"))
                .get("id")
                .asString();

        assertThat(get(organisation, id).get("nextRunAt").isNull()).isFalse();
        JsonNode paused = patch(organisation, id, Map.of("recurrenceStatus", "paused"));
        assertThat(paused.get("nextRunAt").isNull()).isTrue();
        assertThat(paused.get("recurrence").asString()).isEqualTo("daily");
        assertThat(patch(organisation, id, Map.of("recurrenceStatus", "active"))
                        .get("nextRunAt")
                        .isNull())
                .isFalse();
        assertThat(patch(organisation, id, Map.of("recurrence", "manual"))
                        .get("nextRunAt")
                        .isNull())
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"hourly", "Daily", "", "@daily", "0 9 * *", "1 2 3 4 5 6 7"})
    void anUnknownRecurrenceIsRefusedNamingTheAcceptedOnes(String recurrence) {
        JsonNode problem = refusedEverywhere(Map.of("recurrence", recurrence));

        assertThat(errorFields(problem)).containsExactly("recurrence");
        assertThat(problem.at("/errors/0/message").asString())
                .startsWith("must be one of manual, daily, weekly, biweekly, monthly, or a CRON expression");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0 61 * * *", "0 9 * * FUNDAY", "0 0 25 * * *", "x y z * *"})
    void anInvalidCronExpressionIsRefused(String cron) {
        JsonNode problem = refusedEverywhere(Map.of("recurrence", cron));

        assertThat(errorFields(problem)).containsExactly("recurrence");
        assertThat(problem.at("/errors/0/message").asString()).startsWith("is not a valid CRON expression");
    }

    @Test
    void aCronExpressionThatNeverRunsIsRefused() {
        JsonNode problem = refusedEverywhere(Map.of("recurrence", "0 0 30 2 *"));

        assertThat(problem.at("/errors/0/message").asString()).isEqualTo("is a CRON expression that never runs");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Mars/Olympus", "europe/brussels", "+02:00", "", "CEST"})
    void anUnknownTimeZoneIsRefused(String zone) {
        JsonNode problem = refusedEverywhere(Map.of("recurrenceTimezone", zone));

        assertThat(errorFields(problem)).containsExactly("recurrenceTimezone");
        assertThat(problem.at("/errors/0/message").asString())
                .isEqualTo("must be an IANA time zone id, e.g. UTC or Europe/Brussels");
    }

    @Test
    void anUnknownStatusIsRefusedNamingTheAcceptedOnes() {
        JsonNode problem = refusedEverywhere(Map.of("recurrenceStatus", "stopped"));

        assertThat(errorFields(problem)).containsExactly("recurrenceStatus");
        assertThat(problem.at("/errors/0/message").asString()).isEqualTo("must be one of: active, paused");
    }

    @Test
    void anUnknownProviderKeyIsRefusedNamingTheAcceptedOnes() {
        JsonNode problem = refusedEverywhere(Map.of("llmProviders", List.of("openai", "OpenAI")));

        assertThat(errorFields(problem)).containsExactly("llmProviders[1]");
        assertThat(problem.at("/errors/0/message").asString())
                .isEqualTo("must be one of: " + String.join(", ", Seed.PROVIDER_KEYS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[null]", "\"openai\"", "{}"})
    void providersMustBeANonEmptyArrayOfKeys(String providers) {
        JsonNode problem = refusedEverywhere("{\"llmProviders\": " + providers + "}");

        assertThat(errorFields(problem)).singleElement().asString().startsWith("llmProviders");
    }

    @Test
    void providersAreBoundedAndAnEmptyListSaysSo() {
        assertThat(refusedEverywhere(Map.of("llmProviders", List.of()))
                        .at("/errors/0/message")
                        .asString())
                .startsWith("must hold at least one provider key: openai,");
        assertThat(errorFields(refusedEverywhere(Map.of("llmProviders", Collections.nCopies(101, "openai")))))
                .containsExactly("llmProviders");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"3\"", "0", "101", "-1", "1.5", "3.0", "true", "99999999999"})
    void executionCountMustBeAJsonIntegerFrom1To100(String executionCount) {
        JsonNode problem = refusedEverywhere("{\"executionCount\": " + executionCount + "}");

        assertThat(errorFields(problem)).containsExactly("executionCount");
    }

    @Test
    void executionCountAcceptsItsBounds() {
        UUID organisation = createOrganisation("Settings Org");
        String id = create(organisation, Map.of("name", "Brand", "executionCount", 1))
                .get("id")
                .asString();

        assertThat(patch(organisation, id, Map.of("executionCount", 100))
                        .get("executionCount")
                        .asInt())
                .isEqualTo(100);
    }

    @Test
    void settingsOfAnswersTheProjectsProvidersAndExecutionCountInScopeOnly() {
        UUID organisation = createOrganisation("Settings Org");
        UUID other = createOrganisation("Other Org");
        String id = create(
                        organisation,
                        Map.of("name", "Brand", "llmProviders", List.of("perplexity", "openai"), "executionCount", 4))
                .get("id")
                .asString();
        UUID project = UUID.fromString(id);

        assertThat(projects.settingsOf(new ProjectScope(organisation, project)))
                .isEqualTo(new ProjectSettings(List.of(ProviderKey.PERPLEXITY, ProviderKey.OPENAI), 4));
        assertThatThrownBy(() -> projects.settingsOf(new ProjectScope(other, project)))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining(id);
        assertThatThrownBy(() -> projects.settingsOf(new ProjectScope(UUID.randomUUID(), project)))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("Organisation");
    }

    /** Refused alike by create (with a valid name) and by PATCH; nothing is written either way. */
    private JsonNode refusedEverywhere(Map<String, ?> settings) {
        return refusedEverywhere(Api.json(settings));
    }

    private JsonNode refusedEverywhere(String settingsJson) {
        UUID organisation = createOrganisation("Refusals Org");
        JsonNode before = create(organisation, Map.of("name", "Brand"));
        String id = before.get("id").asString();
        String createBody = "{\"name\": \"Another\", " + settingsJson.substring(1);

        JsonNode onCreate = assertProblem(
                api.post("/api/projects")
                        .organisation(organisation)
                        .body(createBody)
                        .send(),
                400);
        JsonNode onPatch = assertProblem(
                api.method("PATCH", "/api/projects/" + id)
                        .organisation(organisation)
                        .body(settingsJson)
                        .send(),
                400);

        assertThat(onCreate.get("errors")).isEqualTo(onPatch.get("errors"));
        assertThat(count("projects", "organisation_id", organisation)).isEqualTo(1);
        JsonNode after = get(organisation, id);
        assertThat(after.get("updatedAt")).isEqualTo(before.get("updatedAt"));
        assertThat(after.get("recurrence")).isEqualTo(before.get("recurrence"));
        assertThat(after.get("llmProviders")).isEqualTo(before.get("llmProviders"));
        return onPatch;
    }
}
