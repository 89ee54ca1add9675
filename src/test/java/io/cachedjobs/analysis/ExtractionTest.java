package io.cachedjobs.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachedjobs.common.WebDomains;
import io.cachedjobs.support.EngineFixtures;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The extraction on real-looking answers of each engine's shape (the engines' own fixtures, and
 * answers in {@code src/test/resources/answers/}) in English, German, French, Chinese, Japanese and
 * Thai: mentions, first offsets, ranks, and sources by registrable domain.
 */
class ExtractionTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static TrackedEntity entity(String... names) {
        return new TrackedEntity(UUID.randomUUID(), List.of(names), List.of(), false, false);
    }

    private static TrackedEntity withDomains(TrackedEntity entity, String... domains) {
        return new TrackedEntity(
                entity.id(), entity.names(), List.of(domains), entity.caseSensitive(), entity.accentSensitive());
    }

    private static String answer(String name) {
        try (InputStream in = ExtractionTest.class.getResourceAsStream("/answers/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each entity's row, by the entity's first name. */
    private static Map<String, Extraction.EntityRow> rows(
            String text, List<Extraction.AnswerSource> sources, TrackedEntity... entities) {
        Map<UUID, String> names = Arrays.stream(entities)
                .collect(Collectors.toMap(TrackedEntity::id, e -> e.names().get(0)));
        return Extraction.of(text, sources, List.of(entities)).entities().stream()
                .collect(Collectors.toMap(row -> names.get(row.entityId()), Function.identity()));
    }

    private static Map<String, Extraction.EntityRow> rows(String text, TrackedEntity... entities) {
        return rows(text, List.of(), entities);
    }

    /** Code points of the cleaned text before {@code part}'s first occurrence. */
    private static int offsetOf(String text, String part) {
        String cleaned = AnswerText.clean(text);
        int at = cleaned.indexOf(part);
        assertThat(at).as(part + " in " + cleaned).isNotNegative();
        return cleaned.codePointCount(0, at);
    }

    @Test
    void anOpenAiAnswerIsReadWithoutItsCitationLinksAndRanksTheEntitiesInTheOrderTheyComeIn() {
        JsonNode body = JSON.readTree(EngineFixtures.fixture("openai/answer.json"));
        String text = body.at("/output/2/content/0/text").asString();
        TrackedEntity hubspotCrm = entity("HubSpot CRM");
        TrackedEntity hubspot = entity("HubSpot");
        TrackedEntity pipedrive = withDomains(entity("Pipedrive"), "pipedrive.example");
        TrackedEntity zoho = entity("Zoho CRM", "Zoho");
        TrackedEntity salesforce = entity("Salesforce");
        TrackedEntity example = entity("Example");
        List<Extraction.AnswerSource> sources = List.of(
                new Extraction.AnswerSource("https://www.example.com/crm-review", "Best CRM", true),
                new Extraction.AnswerSource("https://www.pipedrive.example/en/pricing?utm_source=openai", null, true),
                new Extraction.AnswerSource("https://www.techradar.example/best", null, false));

        Map<String, Extraction.EntityRow> rows =
                rows(text, sources, hubspotCrm, hubspot, pipedrive, zoho, salesforce, example);

        String cleaned = AnswerText.clean(text);
        assertThat(cleaned).doesNotContain("](", "utm_", "example.com", "()");
        assertThat(rows.get("HubSpot CRM"))
                .isEqualTo(new Extraction.EntityRow(
                        hubspotCrm.id(), true, 1, offsetOf(text, "HubSpot CRM"), 1, false, false));
        assertThat(rows.get("Pipedrive"))
                .isEqualTo(
                        new Extraction.EntityRow(pipedrive.id(), true, 1, offsetOf(text, "Pipedrive"), 2, true, true));
        // "Zoho CRM" and "Zoho's other apps": two mentions of one entity through its two names.
        assertThat(rows.get("Zoho CRM").mentionCount()).isEqualTo(2);
        assertThat(rows.get("Zoho CRM").rank()).isEqualTo(3);
        // "Salesforce Starter Suite" and "the simplest Salesforce edition".
        assertThat(rows.get("Salesforce").mentionCount()).isEqualTo(2);
        assertThat(rows.get("Salesforce").rank()).isEqualTo(4);
        // "HubSpot CRM" is the longer name's; "HubSpot's free plan" at the end is HubSpot's own.
        assertThat(rows.get("HubSpot"))
                .isEqualTo(
                        new Extraction.EntityRow(hubspot.id(), true, 1, offsetOf(text, "HubSpot's"), 5, false, false));
        // Named only in the removed citation links.
        assertThat(rows.get("Example"))
                .isEqualTo(new Extraction.EntityRow(example.id(), false, 0, null, null, false, false));
    }

    @Test
    void aPerplexityAnswerInGermanLosesItsMarkersAndTrackingParametersAndMatchesWithoutAccents() {
        String text = answer("perplexity-de.md");
        TrackedEntity hubspot = entity("HubSpot", "HubSpot CRM");
        TrackedEntity pipedrive = entity("Pipedrive");
        TrackedEntity muller = entity("Muller Software");
        TrackedEntity perplexity = entity("Perplexity");
        TrackedEntity koeln = entity("Koln");

        Map<String, Extraction.EntityRow> rows = rows(text, hubspot, pipedrive, muller, perplexity, koeln);

        String cleaned = AnswerText.clean(text);
        assertThat(cleaned)
                .doesNotContain("[1]", "[2]", "[3]", "[1, 2]", "utm_", "#preise")
                .contains("**HubSpot CRM**.", "Pipeline,", "Müller Software ein Branchenmodul")
                .contains("https://www.mueller-software.example/handel.");
        // "HubSpot CRM"; the genitive "HubSpots" is another word.
        assertThat(rows.get("HubSpot").mentionCount()).isEqualTo(1);
        assertThat(rows.get("Pipedrive").firstOffset()).isEqualTo(offsetOf(text, "Pipedrive"));
        assertThat(rows.get("Pipedrive").rank()).isEqualTo(2);
        assertThat(rows.get("Muller Software").present()).isTrue();
        assertThat(rows.get("Muller Software").firstOffset()).isEqualTo(offsetOf(text, "Müller"));
        assertThat(rows.get("Koln").rank()).isEqualTo(3);
        assertThat(rows.get("Muller Software").rank()).isEqualTo(4);
        assertThat(rows.get("Perplexity").present()).isFalse();

        TrackedEntity withGenitive = entity("HubSpot", "HubSpot CRM", "HubSpots");
        TrackedEntity accents =
                new TrackedEntity(UUID.randomUUID(), List.of("Muller Software"), List.of(), false, true);
        assertThat(rows(text, withGenitive).get("HubSpot").mentionCount()).isEqualTo(2);
        assertThat(rows(text, accents).get("Muller Software").present()).isFalse();
    }

    @Test
    void aFrenchAnswerMatchesNamesWhateverTheirCaseAndAccentsUnlessTheEntityAsksOtherwise() {
        String text = answer("anthropic-fr.md");
        TrackedEntity societe = entity("Societe Generale");
        TrackedEntity decomposed = entity(Normalizer.normalize("société générale", Normalizer.Form.NFD));
        TrackedEntity caseSensitive =
                new TrackedEntity(UUID.randomUUID(), List.of("SOCIÉTÉ GÉNÉRALE"), List.of(), true, false);
        TrackedEntity axonaut = entity("Axonaut");
        TrackedEntity hubspot = entity("HubSpot");

        assertThat(rows(text, societe).get("Societe Generale").firstOffset()).isEqualTo(offsetOf(text, "Société"));
        assertThat(rows(text, decomposed).values().iterator().next().present()).isTrue();
        assertThat(rows(text, caseSensitive).get("SOCIÉTÉ GÉNÉRALE").present()).isFalse();
        Map<String, Extraction.EntityRow> rows = rows(text, hubspot, axonaut, societe);
        assertThat(rows.get("HubSpot").mentionCount()).isEqualTo(2);
        assertThat(rows.get("Axonaut").mentionCount()).isEqualTo(2);
        assertThat(List.of(
                        rows.get("HubSpot").rank(),
                        rows.get("Axonaut").rank(),
                        rows.get("Societe Generale").rank()))
                .containsExactly(1, 2, 3);
    }

    @Test
    void aChineseAnswerIsReadInIcuWordsSoANameInsideALongerWordIsNoMention() {
        String text = answer("gemini-zh.md");
        TrackedEntity fxiaoke = entity("纷享销客");
        TrackedEntity xiaoshouyi = entity("销售易");
        TrackedEntity hubspot = entity("HubSpot");
        TrackedEntity salesforce = entity("Salesforce");
        TrackedEntity huawei = entity("华为");
        TrackedEntity dingtalk = entity("钉钉", "DingTalk");

        Map<String, Extraction.EntityRow> rows = rows(text, fxiaoke, xiaoshouyi, hubspot, salesforce, huawei, dingtalk);

        assertThat(rows.get("纷享销客").rank()).isEqualTo(1);
        assertThat(rows.get("纷享销客").firstOffset()).isEqualTo(offsetOf(text, "纷享销客"));
        assertThat(rows.get("销售易").rank()).isEqualTo(2);
        assertThat(rows.get("HubSpot").rank()).isEqualTo(3);
        assertThat(rows.get("Salesforce").rank()).isEqualTo(4);
        // "使用华为手机" names Huawei; "中华为世界和平" reads 中华 | 为 | 世界: it does not.
        assertThat(rows.get("华为").mentionCount()).isEqualTo(1);
        assertThat(rows.get("华为").firstOffset()).isEqualTo(offsetOf(text, "华为手机"));
        assertThat(rows.get("华为").rank()).isEqualTo(5);
        assertThat(rows.get("钉钉").rank()).isEqualTo(6);
    }

    @Test
    void aJapaneseAnswerFindsKyotoButNotInsideTokyoToAndDropsTheCitationLinks() {
        String text = answer("openai-ja.md");
        TrackedEntity cybozu = entity("サイボウズ", "Cybozu");
        TrackedEntity kintone = entity("kintone");
        TrackedEntity sansan = withDomains(entity("Sansan"), "sansan.example");
        TrackedEntity kyoto = entity("京都");
        TrackedEntity toyota = entity("トヨタ", "Toyota");
        List<Extraction.AnswerSource> sources =
                List.of(new Extraction.AnswerSource("https://jp.sansan.example/pricing?utm_source=openai", null, true));

        Map<String, Extraction.EntityRow> rows = rows(text, sources, cybozu, kintone, sansan, kyoto, toyota);

        assertThat(AnswerText.clean(text))
                .doesNotContain("sansan.example", "()")
                .contains("勧められます。");
        assertThat(rows.get("サイボウズ").rank()).isEqualTo(1);
        // Two "kintone", the first in 「」 brackets.
        assertThat(rows.get("kintone").mentionCount()).isEqualTo(2);
        assertThat(rows.get("Sansan"))
                .isEqualTo(new Extraction.EntityRow(sansan.id(), true, 1, offsetOf(text, "Sansan"), 3, true, true));
        assertThat(rows.get("トヨタ").rank()).isEqualTo(4);
        // 東京都 is 東京 | 都: only the later 京都 is Kyoto.
        assertThat(rows.get("京都").mentionCount()).isEqualTo(1);
        assertThat(rows.get("京都").firstOffset()).isEqualTo(offsetOf(text, "京都の支店"));
    }

    @Test
    void aThaiAnswerIsSegmentedByIcusDictionary() {
        String text = answer("serpapi-th.md");
        TrackedEntity hubspot = entity("HubSpot");
        TrackedEntity zoho = entity("Zoho CRM");
        TrackedEntity kasikorn = entity("กสิกรไทย", "KBank");
        TrackedEntity salesforce = entity("Salesforce");
        TrackedEntity partOfAWord = entity("กร");

        Map<String, Extraction.EntityRow> rows = rows(text, hubspot, zoho, kasikorn, salesforce, partOfAWord);

        assertThat(rows.get("HubSpot").mentionCount()).isEqualTo(2);
        assertThat(rows.get("Zoho CRM").mentionCount()).isEqualTo(2);
        assertThat(rows.get("กสิกรไทย"))
                .isEqualTo(
                        new Extraction.EntityRow(kasikorn.id(), true, 1, offsetOf(text, "กสิกรไทย"), 3, false, false));
        assertThat(rows.get("Salesforce").rank()).isEqualTo(4);
        assertThat(rows.get("กร").present()).isFalse();
    }

    @Test
    void theLongestNameWinsAndWordsEndAtWordBoundaries() {
        String text = answer("deepseek-en.md");
        TrackedEntity hubspot = entity("HubSpot");
        TrackedEntity hubspotCrm = entity("HubSpot CRM");
        TrackedEntity zoho = entity("Zoho");
        TrackedEntity apple = entity("Apple");
        TrackedEntity freshsales = entity("Freshsales");

        Map<String, Extraction.EntityRow> rows = rows(text, hubspot, hubspotCrm, zoho, apple, freshsales);

        assertThat(rows.get("HubSpot CRM").mentionCount()).isEqualTo(1);
        assertThat(rows.get("HubSpot CRM").rank()).isEqualTo(1);
        // "HubSpot is the usual choice" and "a HubSpot certified consultant", not "A HubSpotter".
        assertThat(rows.get("HubSpot").mentionCount()).isEqualTo(2);
        assertThat(rows.get("HubSpot").firstOffset()).isEqualTo(offsetOf(text, "HubSpot is"));
        // "Zoho CRM" contains the word Zoho: a mention; "Zoho is the best value" another.
        assertThat(rows.get("Zoho").mentionCount()).isEqualTo(2);
        // "no Apple product", not "Pineapple".
        assertThat(rows.get("Apple").mentionCount()).isEqualTo(1);
        assertThat(List.of(
                        rows.get("HubSpot CRM").rank(),
                        rows.get("Zoho").rank(),
                        rows.get("Freshsales").rank(),
                        rows.get("HubSpot").rank(),
                        rows.get("Apple").rank()))
                .containsExactly(1, 2, 3, 4, 5);
        assertThat(rows(text, entity("Pineapple")).get("Pineapple").present()).isTrue();
        assertThat(rows(text, entity("pine")).get("pine").present()).isFalse();
    }

    @Test
    void aDomainInTheTextCountsAsAMentionAndOffsetsCountCodePoints() {
        String text = "😀 Try acme.io (by Acme's team) or [Acme Cloud](https://cloud.acme.io/?utm_source=x).";

        Map<String, Extraction.EntityRow> rows = rows(text, entity("Acme"), entity("Acme Cloud"));

        assertThat(AnswerText.clean(text)).isEqualTo("😀 Try acme.io (by Acme's team) or Acme Cloud.");
        // The emoji is two chars and one code point.
        assertThat(rows.get("Acme").firstOffset()).isEqualTo(6);
        assertThat(rows.get("Acme").mentionCount()).isEqualTo(2);
        assertThat(rows.get("Acme Cloud").rank()).isEqualTo(2);
    }

    @Test
    void foldingReadsSharpSFullWidthLettersAndLigaturesAsTheirPlainSpelling() {
        String text = "Die Großbank ＡＣＭＥ AG und die ﬁnanzberatung STRASSE 9 sind Kunden.";

        Map<String, Extraction.EntityRow> rows =
                rows(text, entity("Grossbank"), entity("Acme AG"), entity("Finanzberatung"), entity("Straße"));

        assertThat(rows.values()).allSatisfy(row -> assertThat(row.present()).isTrue());
        assertThat(rows.get("Acme AG").firstOffset()).isEqualTo(offsetOf(text, "ＡＣＭＥ"));
        assertThat(List.of(
                        rows.get("Grossbank").rank(),
                        rows.get("Acme AG").rank(),
                        rows.get("Finanzberatung").rank(),
                        rows.get("Straße").rank()))
                .containsExactly(1, 2, 3, 4);
    }

    @Test
    void aNameIsFoundAcrossALineBreakOrNoBreakSpaceAndWhateverItsDash() {
        String text = "We compared HubSpot\n  CRM, Coca\u2011Cola and Zoho\u00A0CRM.";

        Map<String, Extraction.EntityRow> rows =
                rows(text, entity("HubSpot CRM"), entity("Coca-Cola"), entity("Zoho CRM"), entity("CRM"));

        assertThat(rows.get("HubSpot CRM").firstOffset()).isEqualTo(offsetOf(text, "HubSpot"));
        assertThat(rows.get("Coca-Cola").rank()).isEqualTo(2);
        assertThat(rows.get("Zoho CRM").rank()).isEqualTo(3);
        // Every CRM is part of a longer name.
        assertThat(rows.get("CRM").present()).isFalse();
    }

    @Test
    void aSourceIsAnEntitysWhenItIsOnOneOfItsRegistrableDomainsSubdomainsIncluded() {
        TrackedEntity hubspot = withDomains(entity("HubSpot"), "hubspot.com");
        TrackedEntity example = withDomains(entity("Example"), "example.co.uk");
        TrackedEntity other = withDomains(entity("Other"), "other.co.uk");
        List<Extraction.AnswerSource> sources = List.of(
                new Extraction.AnswerSource("https://blog.hubspot.com/sales/crm?utm_medium=social#top", "Blog", true),
                new Extraction.AnswerSource("https://www.example.co.uk/review", null, false),
                new Extraction.AnswerSource("https://nothubspot.com/", null, true));

        Extraction.Result result = Extraction.of("No names here.", sources, List.of(hubspot, example, other));

        assertThat(result.entities())
                .extracting(Extraction.EntityRow::cited, Extraction.EntityRow::inSources)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(true, true),
                        org.assertj.core.groups.Tuple.tuple(false, true),
                        org.assertj.core.groups.Tuple.tuple(false, false));
        assertThat(result.sources())
                .extracting(Extraction.SourceRow::url, Extraction.SourceRow::host, Extraction.SourceRow::domain)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "https://blog.hubspot.com/sales/crm", "blog.hubspot.com", "hubspot.com"),
                        org.assertj.core.groups.Tuple.tuple(
                                "https://www.example.co.uk/review", "example.co.uk", "example.co.uk"),
                        org.assertj.core.groups.Tuple.tuple(
                                "https://nothubspot.com/", "nothubspot.com", "nothubspot.com"));
        assertThat(result.sources().get(0).entityIds()).containsExactly(hubspot.id());
        assertThat(result.sources().get(2).entityIds()).isEmpty();
    }

    @Test
    void aTypedDomainIsReadAsItsRegistrableDomainWithThePublicSuffixList() {
        List<String> typed = List.of(
                "HubSpot.com",
                "https://www.hubspot.com/pricing?x=1",
                "blog.hubspot.com",
                "shop.example.co.uk",
                "acme.github.io",
                "bücher.de",
                "acme.example",
                "www.acme.example:8080",
                "co.uk",
                "localhost",
                "192.168.1.1",
                "user@acme.com",
                "not a domain");
        List<String> read = new ArrayList<>();
        typed.forEach(value -> read.add(WebDomains.parse(value).orElse("-")));

        assertThat(read)
                .containsExactly(
                        "hubspot.com",
                        "hubspot.com",
                        "hubspot.com",
                        "example.co.uk",
                        "acme.github.io",
                        "xn--bcher-kva.de",
                        "acme.example",
                        "acme.example",
                        "-",
                        "-",
                        "-",
                        "-",
                        "-");
        assertThat(WebDomains.registrable("news.bbc.co.uk")).isEqualTo("bbc.co.uk");
        assertThat(WebDomains.isOn("blog.hubspot.com", "hubspot.com")).isTrue();
        assertThat(WebDomains.isOn("nothubspot.com", "hubspot.com")).isFalse();
    }

    @Test
    void anAnswerWithoutTextMentionsNobodyButItsSourcesStillCount() {
        TrackedEntity hubspot = withDomains(entity("HubSpot"), "hubspot.com");

        Extraction.Result result = Extraction.of(
                null, List.of(new Extraction.AnswerSource("https://www.hubspot.com/", null, true)), List.of(hubspot));

        assertThat(result.entities())
                .containsExactly(new Extraction.EntityRow(hubspot.id(), false, 0, null, null, true, true));
    }
}
